import type { Db } from "../../../db/client";
import { periodStart, type InsightsParams } from "./filters";
import { resolveScope, type Scope, type ScopeProblem } from "./scope.server";
import {
  activityPerWeek,
  decisionTime,
  ideaFunnel,
  projectFigures,
  topOpenIdeas,
  type ActivityWeek,
  type DecisionTime,
  type Funnel,
  type ProjectFigures,
  type TopIdea,
  type Window,
} from "./public.server";
import { moderationFigures, reportsPerWeek, type ModerationFigures, type ReportWeek } from "./staff.server";
import type { Result } from "../result";

export interface Insights {
  params: InsightsParams;
  scope: Scope;
  /** When the figures were computed (ISO); they may be up to the cache time old. */
  computedAt: string;
  periodStart: string | null;
  totals: { ideas: number; comments: number; supports: number; participants: number };
  activity: ActivityWeek[];
  funnel: Funnel;
  decisionTime: DecisionTime;
  projects: ProjectFigures;
  topIdeas: TopIdea[];
  staff: { reports: ReportWeek[]; moderation: ModerationFigures } | null;
}

export type InsightsResult = Result<ScopeProblem, { insights: Insights }>;

export interface InsightsOptions {
  staff: boolean;
  now?: Date;
  /** How long a result may be served again; 0 computes afresh. */
  cacheMs?: number;
}

/** The page's figures are aggregates over the whole forum: a few seconds' staleness costs nothing. */
export const defaultCacheMs = 30_000;
const maxEntries = 200;
const caches = new WeakMap<Db, Map<string, { expires: number; value: Promise<InsightsResult> }>>();

export function getInsights(db: Db, params: InsightsParams, options: InsightsOptions): Promise<InsightsResult> {
  const cacheMs = options.cacheMs ?? defaultCacheMs;
  if (cacheMs <= 0 || options.now) return computeInsights(db, params, options.staff, options.now ?? new Date());
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const key = JSON.stringify([params.period, params.focusArea, params.challenge, options.staff]);
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && hit.expires > now) return hit.value;
  if (cache.size >= maxEntries) {
    for (const [k, entry] of cache) if (entry.expires <= now) cache.delete(k);
    if (cache.size >= maxEntries) cache.clear();
  }
  // The promise itself is cached, so concurrent requests share one computation.
  const value = computeInsights(db, params, options.staff, new Date(now));
  cache.set(key, { expires: now + cacheMs, value });
  value.catch(() => cache.delete(key));
  return value;
}

async function computeInsights(db: Db, params: InsightsParams, staff: boolean, now: Date): Promise<InsightsResult> {
  const resolved = await resolveScope(db, params);
  if (!resolved.ok) return resolved;
  const { scope } = resolved;
  const window: Window = { start: periodStart(params.period, now), now };
  const [{ weeks: activity, participants }, funnel, decisions, projects, topIdeas, reports, moderation] = await Promise.all([
    activityPerWeek(db, scope, window),
    ideaFunnel(db, scope, window),
    decisionTime(db, scope, window),
    projectFigures(db, scope, window),
    topOpenIdeas(db, scope, window),
    staff ? reportsPerWeek(db, scope, window) : null,
    staff ? moderationFigures(db, scope, window) : null,
  ]);
  const sum = (key: "ideas" | "comments" | "supports") => activity.reduce((n, w) => n + w[key], 0);
  return {
    ok: true,
    insights: {
      params,
      scope,
      computedAt: now.toISOString(),
      periodStart: window.start?.toISOString() ?? null,
      totals: { ideas: sum("ideas"), comments: sum("comments"), supports: sum("supports"), participants },
      activity,
      funnel,
      decisionTime: decisions,
      projects,
      topIdeas,
      staff: reports && moderation ? { reports, moderation } : null,
    },
  };
}
