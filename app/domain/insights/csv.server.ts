import type { Insights } from "./insights.server";
import { funnelWithConversion } from "./funnel";
import { toCsv, type CsvCell } from "../content/csv.server";
import type { CsvSeries } from "./csv-series";

export { csvSeries, isCsvSeries, type CsvSeries } from "./csv-series";

type Cell = CsvCell;

function table(columns: string[], rows: Cell[][], header: (column: string) => string): string {
  return toCsv([columns.map(header), ...rows]);
}

const round = (n: number | null, digits = 2) => (n === null ? null : Number(n.toFixed(digits)));

/** null when the series is a staff series and the figures were computed without them. */
export function insightsCsv(insights: Insights, series: CsvSeries, header: (column: string) => string): string | null {
  switch (series) {
    case "aktivitet":
      return table(
        ["week", "ideas", "comments", "supports", "participants"],
        insights.activity.map((w) => [w.week, w.ideas, w.comments, w.supports, w.participants]),
        header,
      );
    case "tratt":
      return table(
        ["step", "count", "conversion"],
        funnelWithConversion(insights.funnel).map((s) => [header(`step.${s.step}`), s.count, round(s.conversion, 4)]),
        header,
      );
    case "beslutstid": {
      const d = insights.decisionTime;
      return table(
        ["decisions", "promoted", "declined", "medianDays"],
        [[d.decisions, d.promoted, d.declined, round(d.medianDays)]],
        header,
      );
    }
    case "projekt-status":
      return table(
        ["status", "projects"],
        insights.projects.byStatus.map((r) => [header(`status.${r.status}`), r.projects]),
        header,
      );
    case "projekt-partner":
      return table(
        ["partner", "projects"],
        insights.projects.byPartner.map((r) => [r.name, r.projects]),
        header,
      );
    case "projekt-mal":
      return table(
        ["goal", "projects"],
        insights.projects.byGoal.map((r) => [r.goal, r.projects]),
        header,
      );
    case "populara-ideer":
      return table(
        ["idea", "title", "supportsInPeriod", "supportsTotal"],
        insights.topIdeas.map((i) => [i.id, i.title, i.supportsInPeriod, i.supportsTotal]),
        header,
      );
    case "anmalningar":
      if (!insights.staff) return null;
      return table(
        ["week", "reports"],
        insights.staff.reports.map((w) => [w.week, w.reports]),
        header,
      );
    case "moderering": {
      if (!insights.staff) return null;
      const m = insights.staff.moderation;
      return table(
        ["decisions", "decided", "medianHours", "appealsDecided", "appealsUpheld"],
        [[m.decisions, m.decided, round(m.medianHoursToDecision), m.appealsDecided, m.appealsUpheld]],
        header,
      );
    }
  }
}
