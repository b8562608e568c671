import { and, asc, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { challenges, focusAreas, ideas, labProjects, projectUpdates } from "../../../db/schema";
import { toPage, type Page } from "./pagination";

/**
 * The read-only open data. Every query names its public columns one by one, so a column
 * added to a table later never leaks; hidden and deleted ideas are never selected.
 */
export async function apiFocusAreas(db: Db, page: Page) {
  const rows = await db
    .select({
      id: focusAreas.id,
      slug: focusAreas.slug,
      name: focusAreas.name,
      summary: focusAreas.summary,
      description: focusAreas.description,
    })
    .from(focusAreas)
    .where(gt(focusAreas.id, page.afterId))
    .orderBy(asc(focusAreas.id))
    .limit(page.limit + 1);
  return toPage(rows, page);
}

export async function apiChallenges(db: Db, page: Page, filter: { focusArea?: string | null } = {}) {
  const rows = await db
    .select({
      id: challenges.id,
      slug: challenges.slug,
      focusArea: focusAreas.slug,
      title: challenges.title,
      summary: challenges.summary,
      description: challenges.description,
      status: challenges.status,
      supportThreshold: challenges.supportThreshold,
      sdgGoals: challenges.sdgGoals,
      perspectives: challenges.perspectives,
      createdAt: challenges.createdAt,
    })
    .from(challenges)
    .innerJoin(focusAreas, eq(focusAreas.id, challenges.focusAreaId))
    .where(and(gt(challenges.id, page.afterId), filter.focusArea ? eq(focusAreas.slug, filter.focusArea) : undefined))
    .orderBy(asc(challenges.id))
    .limit(page.limit + 1);
  return toPage(rows, page);
}

export async function apiIdeas(db: Db, page: Page, filter: { challenge?: string | null } = {}) {
  const rows = await db
    .select({
      id: ideas.id,
      challenge: challenges.slug,
      title: ideas.title,
      body: ideas.body,
      status: ideas.status,
      supportCount: ideas.supportCount,
      commentCount: ideas.commentCount,
      createdAt: ideas.createdAt,
    })
    .from(ideas)
    .innerJoin(challenges, eq(challenges.id, ideas.challengeId))
    .where(
      and(
        gt(ideas.id, page.afterId),
        eq(ideas.hidden, false),
        isNull(ideas.deletedAt),
        filter.challenge ? eq(challenges.slug, filter.challenge) : undefined,
      ),
    )
    .orderBy(asc(ideas.id))
    .limit(page.limit + 1);
  return toPage(rows, page);
}

export async function apiProjects(db: Db, page: Page) {
  const rows = await db
    .select({
      id: labProjects.id,
      slug: labProjects.slug,
      title: labProjects.title,
      summary: labProjects.summary,
      status: labProjects.status,
      challenge: challenges.slug,
      sdgGoals: labProjects.sdgGoals,
      perspectives: labProjects.perspectives,
      resultsSummary: labProjects.resultsSummary,
      cancelReason: labProjects.cancelReason,
      createdAt: labProjects.createdAt,
      statusChangedAt: labProjects.statusChangedAt,
    })
    .from(labProjects)
    .leftJoin(challenges, eq(challenges.id, labProjects.challengeId))
    .where(gt(labProjects.id, page.afterId))
    .orderBy(asc(labProjects.id))
    .limit(page.limit + 1);
  return toPage(rows, page);
}

/** A project's public timeline; null when there is no such project. */
export async function apiProjectUpdates(db: Db, slug: string, page: Page) {
  const [project] = await db.select({ id: labProjects.id }).from(labProjects).where(eq(labProjects.slug, slug));
  if (!project) return null;
  const rows = await db
    .select({
      id: projectUpdates.id,
      kind: projectUpdates.kind,
      body: projectUpdates.body,
      fromStatus: projectUpdates.fromStatus,
      toStatus: projectUpdates.toStatus,
      createdAt: projectUpdates.createdAt,
    })
    .from(projectUpdates)
    .where(and(eq(projectUpdates.projectId, project.id), gt(projectUpdates.id, page.afterId)))
    .orderBy(asc(projectUpdates.id))
    .limit(page.limit + 1);
  return toPage(rows, page);
}
