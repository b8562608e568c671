import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getUser } from "../auth/session.server";
import { isStaff } from "../auth/permissions";
import { getInsights } from "../domain/insights/insights.server";
import { listScopeOptions } from "../domain/insights/scope.server";
import { defaultPeriod, parseInsightsParams, periods, type InsightsParams } from "../domain/insights/filters";
import { getLocale } from "../ui/i18n/locale.server";
import { translate } from "../ui/i18n";
import { pageTitle } from "../ui/meta";
import { InsightsReport } from "../ui/charts/InsightsReport";
import chartsHref from "../ui/charts/charts.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: chartsHref }];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "insights.title" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const db = context.database.db;
  const locale = getLocale(request);
  const search = new URL(request.url).searchParams;
  const [user, options] = await Promise.all([getUser(request, context), listScopeOptions(db)]);
  const staff = user !== null && isStaff(user.role);
  const parsed = parseInsightsParams(search);
  const chosen: InsightsParams = parsed.ok
    ? parsed.params
    : { period: defaultPeriod, focusArea: search.get("fokusomrade") || null, challenge: search.get("utmaning") || null };
  if (!parsed.ok) {
    return data(
      { error: translate(locale, `insights.problem.${parsed.problem}`), options, chosen, insights: null, staff },
      { status: 400 },
    );
  }
  const result = await getInsights(db, parsed.params, { staff });
  if (!result.ok) {
    return data(
      { error: translate(locale, `insights.problem.${result.problem}`), options, chosen, insights: null, staff },
      { status: 400 },
    );
  }
  return { error: null, options, chosen, insights: result.insights, staff };
}

export default function InsightsPage() {
  const { t } = useTranslation();
  const { error, options, chosen, insights, staff } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("insights.title")}</h1>
      <p className="lead">{t("insights.lead")}</p>
      <Form method="get" className="filters" aria-label={t("insights.filters")}>
        <div className="field">
          <label htmlFor="i-period">{t("insights.period")}</label>
          <select id="i-period" name="period" defaultValue={chosen.period}>
            {periods.map((p) => (
              <option key={p} value={p}>
                {t(`insights.periods.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="i-area">{t("insights.focusArea")}</label>
          <select id="i-area" name="fokusomrade" defaultValue={chosen.focusArea ?? ""}>
            <option value="">{t("insights.allFocusAreas")}</option>
            {options.map((a) => (
              <option key={a.slug} value={a.slug}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="i-challenge">{t("insights.challenge")}</label>
          <select id="i-challenge" name="utmaning" defaultValue={chosen.challenge ?? ""}>
            <option value="">{t("insights.allChallenges")}</option>
            {options.map((a) => (
              <optgroup key={a.slug} label={a.name}>
                {a.challenges.map((c) => (
                  <option key={c.slug} value={c.slug}>
                    {c.title}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <button type="submit" className="secondary">
          {t("insights.show")}
        </button>
      </Form>
      {error ? (
        <p className="insights-error" role="alert">
          {error}
        </p>
      ) : null}
      {insights ? <InsightsReport insights={insights} staff={staff} /> : null}
    </div>
  );
}
