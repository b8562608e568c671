import { eq, asc, inArray, and, arrayContains, sql, type SQL } from "drizzle-orm";
import { liveCursorOf } from "../live/outbox.server";
import type { Db } from "../../../db/client";
import { focusAreas, challenges, challengeOwners, partners } from "../../../db/schema";

export function listFocusAreas(db: Db) {
  return db.select().from(focusAreas).orderBy(asc(focusAreas.position), asc(focusAreas.id));
}

export async function getFocusArea(db: Db, slug: string) {
  const [area] = await db.select().from(focusAreas).where(eq(focusAreas.slug, slug));
  return area ?? null;
}

export interface ChallengeFilter {
  focusAreaId?: number;
  goal?: number;
  perspective?: string;
}

export async function listChallenges(db: Db, filter: ChallengeFilter = {}) {
  const where: SQL[] = [];
  if (filter.focusAreaId !== undefined) where.push(eq(challenges.focusAreaId, filter.focusAreaId));
  if (filter.goal !== undefined) where.push(arrayContains(challenges.sdgGoals, [filter.goal]));
  if (filter.perspective !== undefined) where.push(arrayContains(challenges.perspectives, [filter.perspective]));
  return db
    .select({
      id: challenges.id,
      slug: challenges.slug,
      title: challenges.title,
      summary: challenges.summary,
      status: challenges.status,
      focusAreaId: challenges.focusAreaId,
      sdgGoals: challenges.sdgGoals,
      perspectives: challenges.perspectives,
    })
    .from(challenges)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(challenges.status), asc(challenges.id));
}

export async function getChallenge(db: Db, slug: string) {
  const [challenge] = await db
    .select({
      id: challenges.id,
      slug: challenges.slug,
      title: challenges.title,
      summary: challenges.summary,
      description: challenges.description,
      status: challenges.status,
      supportThreshold: challenges.supportThreshold,
      sdgGoals: challenges.sdgGoals,
      perspectives: challenges.perspectives,
      createdAt: challenges.createdAt,
      focusArea: { id: focusAreas.id, slug: focusAreas.slug, name: focusAreas.name },
      // The challenge room's cursor, in the same snapshot as the challenge (see getLiveCursor).
      liveCursor: liveCursorOf(sql`'challenge:' || ${challenges.id}`).mapWith(Number),
    })
    .from(challenges)
    .innerJoin(focusAreas, eq(focusAreas.id, challenges.focusAreaId))
    .where(eq(challenges.slug, slug));
  if (!challenge) return null;
  const owners = await db
    .select({ slug: partners.slug, name: partners.name, url: partners.url })
    .from(challengeOwners)
    .innerJoin(partners, eq(partners.id, challengeOwners.partnerId))
    .where(eq(challengeOwners.challengeId, challenge.id))
    .orderBy(asc(partners.name));
  return { ...challenge, owners };
}

export function listPartners(db: Db) {
  return db.select().from(partners).orderBy(asc(partners.name));
}

export async function getChallengesByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db.select().from(challenges).where(inArray(challenges.id, ids));
}
