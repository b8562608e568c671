import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUser } from "../auth/session.server";
import { isStaff } from "../auth/permissions";
import { getInsights } from "../domain/insights/insights.server";
import { parseInsightsParams } from "../domain/insights/filters";
import { insightsCsv, isCsvSeries } from "../domain/insights/csv.server";
import { getLocale } from "../ui/i18n/locale.server";
import { translate } from "../ui/i18n";

/** /insikter.csv?serie=…: one series of the insights page as CSV, for staff. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const locale = getLocale(request);
  const text = (key: string, status: number) =>
    new Response(translate(locale, `insights.problem.${key}`), {
      status,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const user = await getUser(request, context);
  if (!user || !isStaff(user.role)) return text("staffOnly", 403);
  const search = new URL(request.url).searchParams;
  const serie = search.get("serie") ?? "";
  if (!isCsvSeries(serie)) return text("serie", 400);
  const parsed = parseInsightsParams(search);
  if (!parsed.ok) return text(parsed.problem, 400);
  const result = await getInsights(context.database.db, parsed.params, { staff: true });
  if (!result.ok) return text(result.problem, 400);
  const header = (column: string) => {
    if (column.startsWith("step.")) return translate(locale, `insights.funnel.step.${column.slice(5)}`);
    if (column.startsWith("status.")) return translate(locale, `projects.status.${column.slice(7)}`);
    return translate(locale, `insights.column.${column}`);
  };
  const csv = insightsCsv(result.insights, serie, header) ?? "";
  const scope = parsed.params.challenge ?? parsed.params.focusArea ?? "alla";
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="insikter-${serie}-${parsed.params.period}-${scope}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
