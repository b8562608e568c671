import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import type { InsightsParams } from "./filters";
import type { Result } from "../result";

/** The challenges a question is about: null for the whole forum. */
export interface Scope {
  challengeIds: number[] | null;
  focusArea: { slug: string; name: string } | null;
  challenge: { slug: string; title: string } | null;
}

export type ScopeProblem = "unknown_focus_area" | "unknown_challenge" | "challenge_outside_focus_area";

/** Runs raw SQL and returns its rows on both drivers (postgres.js gives an array, PGlite an object). */
export async function selectRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export async function resolveScope(db: Db, params: InsightsParams): Promise<Result<ScopeProblem, { scope: Scope }>> {
  let focusArea: { id: number; slug: string; name: string } | undefined;
  if (params.focusArea) {
    [focusArea] = await selectRows<{ id: number; slug: string; name: string }>(
      db,
      sql`select id, slug, name from focus_areas where slug = ${params.focusArea}`,
    );
    if (!focusArea) return { ok: false, problem: "unknown_focus_area" };
  }
  if (params.challenge) {
    const [challenge] = await selectRows<{ id: number; slug: string; title: string; focus_area_id: number }>(
      db,
      sql`select id, slug, title, focus_area_id from challenges where slug = ${params.challenge}`,
    );
    if (!challenge) return { ok: false, problem: "unknown_challenge" };
    if (focusArea && focusArea.id !== challenge.focus_area_id) return { ok: false, problem: "challenge_outside_focus_area" };
    return {
      ok: true,
      scope: { challengeIds: [challenge.id], focusArea: null, challenge: { slug: challenge.slug, title: challenge.title } },
    };
  }
  if (focusArea) {
    const ids = await selectRows<{ id: number }>(
      db,
      sql`select id from challenges where focus_area_id = ${focusArea.id} order by id`,
    );
    return {
      ok: true,
      scope: { challengeIds: ids.map((r) => r.id), focusArea: { slug: focusArea.slug, name: focusArea.name }, challenge: null },
    };
  }
  return { ok: true, scope: { challengeIds: null, focusArea: null, challenge: null } };
}

/** `column in (…)` for the scope's challenges; true for the whole forum, false for an empty focus area. */
export function inScope(column: SQL, scope: Scope): SQL {
  if (scope.challengeIds === null) return sql`true`;
  if (scope.challengeIds.length === 0) return sql`false`;
  return sql`${column} in (${sql.join(
    scope.challengeIds.map((id) => sql`${id}`),
    sql`, `,
  )})`;
}

/** `column >= start`, or true for all time. Timestamps travel as ISO text, the same on both drivers. */
export function since(column: SQL, start: Date | null): SQL {
  return start ? sql`${column} >= ${start.toISOString()}::timestamptz` : sql`true`;
}

/** Weeks are Swedish weeks (Monday to Sunday, Stockholm time). */
export function weekOf(column: SQL): SQL {
  return sql`date_trunc('week', ${column} at time zone 'Europe/Stockholm')`;
}

/** The focus areas and their challenges, for the page's filter. */
export async function listScopeOptions(db: Db) {
  const rows = await selectRows<{ area_slug: string; area_name: string; slug: string | null; title: string | null }>(
    db,
    sql`select f.slug as area_slug, f.name as area_name, c.slug, c.title
    from focus_areas f left join challenges c on c.focus_area_id = f.id
    order by f.position, f.name, c.title`,
  );
  const areas: { slug: string; name: string; challenges: { slug: string; title: string }[] }[] = [];
  for (const row of rows) {
    let area = areas.find((a) => a.slug === row.area_slug);
    if (!area) areas.push((area = { slug: row.area_slug, name: row.area_name, challenges: [] }));
    if (row.slug && row.title) area.challenges.push({ slug: row.slug, title: row.title });
  }
  return areas;
}
