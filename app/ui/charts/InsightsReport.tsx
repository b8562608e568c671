import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Insights } from "../../domain/insights/insights.server";
import { funnelWithConversion } from "../../domain/insights/funnel";
import { toSearch } from "../../domain/insights/filters";
import { csvSeries } from "../../domain/insights/csv-series";
import { WeekChart } from "./WeekChart";
import { BarList } from "./BarList";
import { DataTable } from "./ChartFrame";
import { formatNumber, formatPercent, formatWeekFull } from "./format";
import { seriesColours } from "./palette";

/** Everything below the filter on /insikter: key figures first, then one card per question. */
export function InsightsReport({ insights, staff }: { insights: Insights; staff: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const n = (value: number, digits = 0) => formatNumber(value, lang, digits);
  const weeks = insights.activity.map((w) => w.week);
  const { totals, funnel, decisionTime, projects } = insights;
  const scopeName = insights.scope.challenge?.title ?? insights.scope.focusArea?.name ?? t("insights.scopeAll");
  const busiest = insights.activity.reduce(
    (best, w) => (w.ideas + w.comments + w.supports > best.ideas + best.comments + best.supports ? w : best),
    insights.activity[0],
  );
  const steps = funnelWithConversion(funnel);
  const list = (items: { label: string; value: number }[]) => items.map((i) => `${i.label} ${n(i.value)}`).join(", ");
  const statusItems = projects.byStatus.map((s) => ({ label: t(`projects.status.${s.status}`), value: s.projects }));
  const partnerItems = projects.byPartner.map((p) => ({ label: p.name, value: p.projects }));
  const goalItems = projects.byGoal.map((g) => ({
    label: t("goal.label", { n: g.goal, name: t(`goal.${g.goal}`) }),
    value: g.projects,
  }));
  const projectTotal = statusItems.reduce((sum, s) => sum + s.value, 0);
  const weekColumn = t("insights.week");

  return (
    <>
      <p className="insights-note">
        {t("insights.showing", { period: t(`insights.periods.${insights.params.period}`), scope: scopeName })}.{" "}
        {t("insights.updated")}
      </p>
      <ul className="kpis" aria-label={t("insights.title")}>
        {(
          [
            [totals.ideas, "ideas"],
            [totals.comments, "comments"],
            [totals.supports, "supports"],
            [totals.participants, "participants"],
            [funnel.promoted, "promoted"],
          ] as const
        ).map(([value, key]) => (
          <li key={key} className="kpi">
            <span className="kpi-value">{n(value)}</span>{" "}
            <span className="kpi-label">{t(`insights.kpi.${key}`, { count: value })}</span>
          </li>
        ))}
        <li className="kpi">
          <span className="kpi-value">
            {decisionTime.medianDays === null ? t("insights.staff.noValue") : n(decisionTime.medianDays, 1)}
          </span>{" "}
          <span className="kpi-label">{t("insights.kpi.medianDays")}</span>
        </li>
      </ul>

      <div className="insights-grid">
        <section className="card" aria-labelledby="i-activity">
          <h2 id="i-activity">{t("insights.activity.title")}</h2>
          <WeekChart
            title={t("insights.activity.title")}
            description={t("insights.activity.desc", {
              weeks: weeks.length,
              ideas: n(totals.ideas),
              comments: n(totals.comments),
              supports: n(totals.supports),
              top: busiest ? formatWeekFull(busiest.week, lang) : "",
            })}
            weeks={weeks}
            series={[
              { label: t("insights.activity.ideas"), values: insights.activity.map((w) => w.ideas) },
              { label: t("insights.activity.comments"), values: insights.activity.map((w) => w.comments) },
              { label: t("insights.activity.supports"), values: insights.activity.map((w) => w.supports) },
            ]}
            language={lang}
            xLabel={t("insights.weeks")}
            yLabel={t("insights.count")}
          />
          <DataTable
            summary={t("insights.showTable")}
            caption={t("insights.activity.title")}
            columns={[weekColumn, t("insights.activity.ideas"), t("insights.activity.comments"), t("insights.activity.supports")]}
            rows={insights.activity.map((w) => [formatWeekFull(w.week, lang), n(w.ideas), n(w.comments), n(w.supports)])}
          />
        </section>

        <section className="card" aria-labelledby="i-participants">
          <h2 id="i-participants">{t("insights.participants.title")}</h2>
          <WeekChart
            title={t("insights.participants.title")}
            description={t("insights.participants.desc", {
              weeks: weeks.length,
              max: n(Math.max(0, ...insights.activity.map((w) => w.participants))),
            })}
            weeks={weeks}
            series={[{ label: t("insights.participants.column"), values: insights.activity.map((w) => w.participants) }]}
            language={lang}
            xLabel={t("insights.weeks")}
            yLabel={t("insights.participants.column")}
          />
          <p className="insights-note">{t("insights.participants.note")}</p>
          <DataTable
            summary={t("insights.showTable")}
            caption={t("insights.participants.title")}
            columns={[weekColumn, t("insights.participants.column")]}
            rows={insights.activity.map((w) => [formatWeekFull(w.week, lang), n(w.participants)])}
          />
        </section>

        <section className="card" aria-labelledby="i-funnel">
          <h2 id="i-funnel">{t("insights.funnel.title")}</h2>
          <p>{t("insights.funnel.lead")}</p>
          <BarList
            title={t("insights.funnel.title")}
            description={t("insights.funnel.desc", {
              ideas: n(funnel.ideas),
              reached: n(funnel.reachedThreshold),
              promoted: n(funnel.promoted),
              completed: n(funnel.completed),
            })}
            items={steps.map((s) => ({
              label: t(`insights.funnel.step.${s.step}`),
              value: s.count,
              valueText:
                s.conversion === null
                  ? n(s.count)
                  : t("insights.funnel.valueWithShare", { count: n(s.count), share: formatPercent(s.conversion, lang) }),
            }))}
            valueLabel={t("insights.funnel.valueLabel")}
            colour={seriesColours[3]}
          />
          <p className="insights-note">{t("insights.funnel.note")}</p>
          <DataTable
            summary={t("insights.showTable")}
            caption={t("insights.funnel.title")}
            columns={[t("insights.column.step"), t("insights.count"), t("insights.funnel.share")]}
            rows={steps.map((s) => [
              t(`insights.funnel.step.${s.step}`),
              n(s.count),
              s.conversion === null ? t("insights.staff.noValue") : formatPercent(s.conversion, lang),
            ])}
          />
        </section>

        <section className="card" aria-labelledby="i-decision">
          <h2 id="i-decision">{t("insights.decision.title")}</h2>
          {decisionTime.medianDays === null ? (
            <p>{t("insights.decision.none")}</p>
          ) : (
            <>
              <p>{t("insights.decision.median", { days: n(decisionTime.medianDays, 1) })}</p>
              <p className="insights-note">
                {t("insights.decision.basis", {
                  count: n(decisionTime.decisions),
                  promoted: n(decisionTime.promoted),
                  declined: n(decisionTime.declined),
                })}
              </p>
            </>
          )}
          <h3>{t("insights.top.title")}</h3>
          <p className="insights-note">{t("insights.top.lead")}</p>
          {insights.topIdeas.length === 0 ? (
            <p>{t("insights.top.none")}</p>
          ) : (
            <table className="insights-table">
              <caption className="visually-hidden">{t("insights.top.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("insights.top.idea")}</th>
                  <th scope="col" className="num">
                    {t("insights.top.inPeriod")}
                  </th>
                  <th scope="col" className="num">
                    {t("insights.top.total")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {insights.topIdeas.map((idea) => (
                  <tr key={idea.id}>
                    <th scope="row">
                      <Link to={`/ideer/${idea.id}`}>{idea.title}</Link>
                    </th>
                    <td className="num">{n(idea.supportsInPeriod)}</td>
                    <td className="num">{n(idea.supportsTotal)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>

      <section className="stack" aria-labelledby="i-projects">
        <h2 id="i-projects">{t("insights.projects.title")}</h2>
        <p className="insights-note">{t("insights.projects.lead")}</p>
        {projectTotal === 0 ? (
          <p>{t("insights.projects.none")}</p>
        ) : (
          <div className="insights-grid">
            <ProjectCard
              id="i-p-status"
              title={t("insights.projects.byStatus")}
              description={t("insights.projects.byStatusDesc", { total: n(projectTotal), list: list(statusItems) })}
              column={t("insights.projects.status")}
              items={statusItems}
            />
            {partnerItems.length ? (
              <ProjectCard
                id="i-p-partner"
                title={t("insights.projects.byPartner")}
                description={t("insights.projects.byPartnerDesc", { list: list(partnerItems) })}
                column={t("insights.projects.partner")}
                items={partnerItems}
              />
            ) : null}
            {goalItems.length ? (
              <ProjectCard
                id="i-p-goal"
                title={t("insights.projects.byGoal")}
                description={t("insights.projects.byGoalDesc", { list: list(goalItems) })}
                column={t("insights.projects.goal")}
                items={goalItems}
              />
            ) : null}
          </div>
        )}
      </section>

      {staff && insights.staff ? <StaffSection insights={insights} /> : null}
    </>
  );
}

function ProjectCard(props: {
  id: string;
  title: string;
  description: string;
  column: string;
  items: { label: string; value: number }[];
}) {
  const { t, i18n } = useTranslation();
  const n = (value: number) => formatNumber(value, i18n.language);
  return (
    <section className="card" aria-labelledby={props.id}>
      <h3 id={props.id}>{props.title}</h3>
      <BarList
        title={props.title}
        description={props.description}
        items={props.items.map((i) => ({ ...i, valueText: n(i.value) }))}
        valueLabel={t("insights.projects.valueLabel")}
      />
      <DataTable
        summary={t("insights.showTable")}
        caption={props.title}
        columns={[props.column, t("insights.projects.valueLabel")]}
        rows={props.items.map((i) => [i.label, n(i.value)])}
      />
    </section>
  );
}

function StaffSection({ insights }: { insights: Insights }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const n = (value: number, digits = 0) => formatNumber(value, lang, digits);
  const { reports, moderation } = insights.staff!;
  const totalReports = reports.reduce((sum, w) => sum + w.reports, 0);
  const upheldShare =
    moderation.appealsDecided > 0
      ? formatPercent(moderation.appealsUpheld / moderation.appealsDecided, lang)
      : t("insights.staff.noValue");
  return (
    <section className="stack" aria-labelledby="i-staff" data-testid="insights-staff">
      <h2 id="i-staff">{t("insights.staff.title")}</h2>
      <p className="insights-note">{t("insights.staff.lead")}</p>
      <ul className="kpis" aria-label={t("insights.staff.title")}>
        <li className="kpi">
          <span className="kpi-value">{n(moderation.decisions)}</span>{" "}
          <span className="kpi-label">{t("insights.staff.decisions", { count: moderation.decisions })}</span>
        </li>
        <li className="kpi">
          <span className="kpi-value">{n(moderation.decided)}</span>{" "}
          <span className="kpi-label">{t("insights.staff.decided", { count: moderation.decided })}</span>
        </li>
        <li className="kpi">
          <span className="kpi-value">
            {moderation.medianHoursToDecision === null ? t("insights.staff.noValue") : n(moderation.medianHoursToDecision, 1)}
          </span>{" "}
          <span className="kpi-label">{t("insights.staff.medianHours")}</span>
        </li>
        <li className="kpi">
          <span className="kpi-value">{upheldShare}</span> <span className="kpi-label">{t("insights.staff.appeals")}</span>
        </li>
      </ul>
      <p className="insights-note">
        {t("insights.staff.appealsBasis", { upheld: n(moderation.appealsUpheld), count: n(moderation.appealsDecided) })}
      </p>
      <div className="insights-grid">
        <section className="card" aria-labelledby="i-reports">
          <h3 id="i-reports">{t("insights.staff.reports")}</h3>
          <WeekChart
            title={t("insights.staff.reports")}
            description={t("insights.staff.reportsDesc", { weeks: reports.length, total: n(totalReports) })}
            weeks={reports.map((w) => w.week)}
            series={[{ label: t("insights.staff.reportsColumn"), values: reports.map((w) => w.reports) }]}
            language={lang}
            xLabel={t("insights.weeks")}
            yLabel={t("insights.staff.reportsColumn")}
          />
          <DataTable
            summary={t("insights.showTable")}
            caption={t("insights.staff.reports")}
            columns={[t("insights.week"), t("insights.staff.reportsColumn")]}
            rows={reports.map((w) => [formatWeekFull(w.week, lang), n(w.reports)])}
          />
        </section>
        <section className="card" aria-labelledby="i-csv">
          <h3 id="i-csv">{t("insights.staff.csvTitle")}</h3>
          <p className="insights-note">{t("insights.staff.csvLead")}</p>
          <ul className="csv-links">
            {csvSeries.map((serie) => (
              <li key={serie}>
                <a href={`/insikter.csv?${toSearch(insights.params, { serie })}`} download>
                  {t(`insights.csv.${serie}`)}
                </a>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </section>
  );
}
