/**
 * The period and scope of /insikter, read from GET parameters. Pure, so the page, the CSV
 * download and the tests read the parameters the same way.
 */
export const periods = ["30-dagar", "12-manader", "allt"] as const;
export type Period = (typeof periods)[number];
export const defaultPeriod: Period = "12-manader";

export interface InsightsParams {
  period: Period;
  focusArea: string | null;
  challenge: string | null;
}

export type ParamProblem = "period" | "focusArea" | "challenge";

const slugPattern = /^[a-z0-9][a-z0-9-]{0,99}$/;

export function isPeriod(value: string): value is Period {
  return (periods as readonly string[]).includes(value);
}

/** An empty value means "not chosen", as an untouched select in a GET form sends it. */
export function parseInsightsParams(
  search: URLSearchParams,
): { ok: true; params: InsightsParams } | { ok: false; problem: ParamProblem } {
  const period = search.get("period") || defaultPeriod;
  if (!isPeriod(period)) return { ok: false, problem: "period" };
  const focusArea = search.get("fokusomrade") || null;
  if (focusArea !== null && !slugPattern.test(focusArea)) return { ok: false, problem: "focusArea" };
  const challenge = search.get("utmaning") || null;
  if (challenge !== null && !slugPattern.test(challenge)) return { ok: false, problem: "challenge" };
  return { ok: true, params: { period, focusArea, challenge } };
}

/** Where the period starts; null for all time. Twelve calendar months, not 365 days. */
export function periodStart(period: Period, now: Date): Date | null {
  if (period === "allt") return null;
  const start = new Date(now);
  if (period === "30-dagar") start.setUTCDate(start.getUTCDate() - 30);
  else start.setUTCMonth(start.getUTCMonth() - 12);
  return start;
}

/** The query string for a link or download with the same choice. */
export function toSearch(params: InsightsParams, extra: Record<string, string> = {}): string {
  const search = new URLSearchParams({ period: params.period });
  if (params.focusArea) search.set("fokusomrade", params.focusArea);
  if (params.challenge) search.set("utmaning", params.challenge);
  for (const [key, value] of Object.entries(extra)) search.set(key, value);
  return search.toString();
}
