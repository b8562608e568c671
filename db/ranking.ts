import { sql, type SQL } from "drizzle-orm";

/**
 * "Populära": a stored, index-backed, time-decayed rank (Reddit's "hot" formula).
 * Every tenfold increase in supports is worth 12.5 hours of recency, so a new idea
 * competes with an older one that has more supports. See docs/ranking.md.
 */
export const hotScoreSql = hotScoreOf(sql`ideas.support_count`);

/** The hot score for a support count given as SQL (the count an UPDATE is about to write, say). */
export function hotScoreOf(supportCount: SQL) {
  return sql`log(10, ${supportCount} + 1) + extract(epoch from ideas.created_at) / 45000`;
}

export function hotScore(supportCount: number, createdAt: Date): number {
  return Math.log10(supportCount + 1) + createdAt.getTime() / 1000 / 45000;
}
