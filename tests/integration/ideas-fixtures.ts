import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { challenges, users } from "../../db/schema";
import { makeResidents } from "../support/factories";

/** Shared set-up for the forum tests: seeded users by e-mail, extra residents, a challenge id. */
export async function userId(db: Db, email: string): Promise<string> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}

/** Residents without a sign-in (tests/support/factories.ts). */
export const createResidents = makeResidents;

export async function challengeId(db: Db, slug: string): Promise<number> {
  const [row] = await db.select({ id: challenges.id }).from(challenges).where(eq(challenges.slug, slug));
  return row.id;
}

/** Counters as stored next to counts recomputed from the rows they summarise. */
export async function counterDrift(rows: <T>(q: ReturnType<typeof sql>) => Promise<T[]>) {
  return rows<{ kind: string; id: number; stored: number; actual: number }>(sql`
    select 'support' as kind, i.id, i.support_count as stored,
           (select count(*)::int from idea_supports s where s.idea_id = i.id) as actual
      from ideas i
    union all
    select 'comments', i.id, i.comment_count,
           (select count(*)::int from comments c where c.idea_id = i.id and c.deleted_at is null)
      from ideas i
    union all
    select 'score', c.id, c.score, coalesce((select sum(v.value)::int from comment_votes v where v.comment_id = c.id), 0)
      from comments c`).then((all) => all.filter((r) => Number(r.stored) !== Number(r.actual)));
}
