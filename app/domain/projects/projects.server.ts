import { and, arrayContains, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { liveCursorOf } from "../live/outbox.server";
import {
  challenges,
  focusAreas,
  ideaReviews,
  ideas,
  labProjects,
  moderationActions,
  partners,
  projectIdeas,
  projectPartners,
  projectUpdates,
  users,
} from "../../../db/schema";
import { renderMarkdown } from "../content/markdown.server";
import { isRowId, type IdeaStatus, type ProjectStatus } from "../../../db/constants";

export interface ProjectFilter {
  focusArea?: string;
  partner?: string;
  goal?: number;
}

/** Every project matching the filter, with its partners, for the grouped list on /projekt. */
export async function listProjects(db: Db, filter: ProjectFilter = {}) {
  const where: SQL[] = [];
  if (filter.focusArea) where.push(eq(focusAreas.slug, filter.focusArea));
  if (filter.goal !== undefined) where.push(arrayContains(labProjects.sdgGoals, [filter.goal]));
  if (filter.partner) {
    where.push(
      inArray(
        labProjects.id,
        db
          .select({ id: projectPartners.projectId })
          .from(projectPartners)
          .innerJoin(partners, eq(partners.id, projectPartners.partnerId))
          .where(eq(partners.slug, filter.partner)),
      ),
    );
  }
  const rows = await db
    .select({
      id: labProjects.id,
      slug: labProjects.slug,
      title: labProjects.title,
      summary: labProjects.summary,
      status: labProjects.status,
      sdgGoals: labProjects.sdgGoals,
      statusChangedAt: labProjects.statusChangedAt,
      focusArea: { slug: focusAreas.slug, name: focusAreas.name },
    })
    .from(labProjects)
    .leftJoin(challenges, eq(challenges.id, labProjects.challengeId))
    .leftJoin(focusAreas, eq(focusAreas.id, challenges.focusAreaId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(labProjects.statusChangedAt), desc(labProjects.id))
    .limit(500);
  const ids = rows.map((r) => r.id);
  const partnerRows = ids.length
    ? await db
        .select({ projectId: projectPartners.projectId, name: partners.name, slug: partners.slug })
        .from(projectPartners)
        .innerJoin(partners, eq(partners.id, projectPartners.partnerId))
        .where(inArray(projectPartners.projectId, ids))
        .orderBy(asc(partners.name))
    : [];
  return rows.map((r) => ({
    ...r,
    focusArea: r.focusArea?.slug ? r.focusArea : null,
    partners: partnerRows.filter((p) => p.projectId === r.id).map(({ name, slug }) => ({ name, slug })),
  }));
}

export async function getProjectBySlug(db: Db, slug: string) {
  const [row] = await db
    .select({
      project: labProjects,
      lead: { id: users.id, displayName: users.displayName },
      // The project room's cursor, in the same snapshot as the project (see getLiveCursor).
      liveCursor: liveCursorOf(sql`'project:' || ${labProjects.id}`).mapWith(Number),
    })
    .from(labProjects)
    .innerJoin(users, eq(users.id, labProjects.leadId))
    .where(eq(labProjects.slug, slug));
  if (!row) return null;
  const { project, lead, liveCursor } = row;
  const [challenge] = project.challengeId
    ? await db
        .select({
          id: challenges.id,
          slug: challenges.slug,
          title: challenges.title,
          focusArea: { slug: focusAreas.slug, name: focusAreas.name },
        })
        .from(challenges)
        .innerJoin(focusAreas, eq(focusAreas.id, challenges.focusAreaId))
        .where(eq(challenges.id, project.challengeId))
    : [];
  const projectPartnerRows = await db
    .select({ id: partners.id, name: partners.name, slug: partners.slug, url: partners.url })
    .from(projectPartners)
    .innerJoin(partners, eq(partners.id, projectPartners.partnerId))
    .where(eq(projectPartners.projectId, project.id))
    .orderBy(asc(partners.name));
  const origins = await db
    .select({
      id: ideas.id,
      title: ideas.title,
      supportCount: ideas.supportCount,
      supportCountAtPromotion: projectIdeas.supportCountAtPromotion,
      hidden: ideas.hidden,
      author: { displayName: users.displayName },
    })
    .from(projectIdeas)
    .innerJoin(ideas, eq(ideas.id, projectIdeas.ideaId))
    .innerJoin(users, eq(users.id, ideas.authorId))
    .where(eq(projectIdeas.projectId, project.id))
    .orderBy(asc(ideas.id));
  const timeline = await db
    .select({
      id: projectUpdates.id,
      kind: projectUpdates.kind,
      body: projectUpdates.body,
      fromStatus: projectUpdates.fromStatus,
      toStatus: projectUpdates.toStatus,
      createdAt: projectUpdates.createdAt,
      author: { displayName: users.displayName },
    })
    .from(projectUpdates)
    .innerJoin(users, eq(users.id, projectUpdates.authorId))
    .where(eq(projectUpdates.projectId, project.id))
    .orderBy(desc(projectUpdates.createdAt), desc(projectUpdates.id));
  return {
    ...project,
    lead,
    liveCursor: Number(liveCursor),
    challenge: challenge ?? null,
    partners: projectPartnerRows,
    // A hidden origin idea is still counted, but its title is not shown.
    origins: origins.map((o) => (o.hidden ? { ...o, title: null } : o)),
    totalSupporters: origins.reduce((sum, o) => sum + Math.max(o.supportCount, o.supportCountAtPromotion), 0),
    resultsHtml: project.resultsSummary ? renderMarkdown(project.resultsSummary) : null,
    timeline: timeline.map((u) => ({ ...u, bodyHtml: u.body ? renderMarkdown(u.body) : null })),
  };
}

/**
 * What the idea page shows about the lab: progress towards the threshold, when it was reached,
 * the project it became, and every public lab decision with its reason.
 */
export async function getIdeaLabInfo(db: Db, ideaId: number) {
  if (!isRowId(ideaId)) return null;
  const [row] = await db
    .select({ status: ideas.status, supportCount: ideas.supportCount, ...ideaLabColumns() })
    .from(ideas)
    .innerJoin(challenges, eq(challenges.id, ideas.challengeId))
    .where(eq(ideas.id, ideaId));
  return row ? toIdeaLabInfo(row) : null;
}

export type IdeaLabInfo = ReturnType<typeof toIdeaLabInfo>;

interface LabProjectRow {
  slug: string;
  title: string;
  status: ProjectStatus;
  resultsSummary: string | null;
}

/** A timestamp read by a subquery: a string from postgres.js (drizzle's parsers), a Date from PGlite. */
const toDate = (value: string | Date) => (value instanceof Date ? value : new Date(value));

/**
 * The columns of an idea's way to the lab, for a select from ideas joined with their challenges:
 * the threshold, when it was reached, the project it became and the public lab decisions, each a
 * subquery, so the idea page reads them in its one statement (toIdeaLabInfo makes them the panel's).
 */
export function ideaLabColumns() {
  return {
    labThreshold: challenges.supportThreshold,
    labReachedAt: sql<
      string | Date | null
    >`(select ${ideaReviews.reachedAt} from ${ideaReviews} where ${ideaReviews.ideaId} = ${ideas.id})`,
    labProject: sql<LabProjectRow | null>`(select json_build_object('slug', ${labProjects.slug}, 'title', ${labProjects.title}, 'status', ${labProjects.status}, 'resultsSummary', ${labProjects.resultsSummary}) from ${projectIdeas} inner join ${labProjects} on ${labProjects.id} = ${projectIdeas.projectId} where ${projectIdeas.ideaId} = ${ideas.id} limit 1)`,
    labDecisions: sql<
      { id: number; action: string; reason: string | null; createdAt: string }[]
    >`(select coalesce(json_agg(json_build_object('id', ${moderationActions.id}, 'action', ${moderationActions.action}, 'reason', ${moderationActions.reason}, 'createdAt', ${moderationActions.createdAt}) order by ${moderationActions.createdAt} desc, ${moderationActions.id} desc), '[]'::json) from ${moderationActions} where ${and(
      eq(moderationActions.targetType, "idea"),
      eq(moderationActions.targetId, sql`${ideas.id}::text`),
      eq(moderationActions.public, true),
      inArray(moderationActions.action, ["idea.promote", "idea.decline"]),
    )})`,
  };
}

export function toIdeaLabInfo(row: {
  status: IdeaStatus;
  supportCount: number;
  labThreshold: number;
  labReachedAt: string | Date | null;
  labProject: LabProjectRow | null;
  labDecisions: { id: number; action: string; reason: string | null; createdAt: string }[];
}) {
  const reachedAt = row.labReachedAt === null ? null : toDate(row.labReachedAt);
  return {
    status: row.status,
    supportCount: row.supportCount,
    threshold: row.labThreshold,
    reachedAt,
    progress: { current: row.supportCount, threshold: row.labThreshold },
    /** Reached once and then lost supports: the status stays, and the page says so. */
    belowAfterReaching: reachedAt !== null && row.supportCount < row.labThreshold,
    project: row.labProject && {
      slug: row.labProject.slug,
      title: row.labProject.title,
      status: row.labProject.status,
      /** A completed project's results, for the idea page to end its story with. */
      resultsHtml:
        row.labProject.status === "completed" && row.labProject.resultsSummary
          ? renderMarkdown(row.labProject.resultsSummary)
          : null,
    },
    decisions: row.labDecisions.map((d) => ({
      id: d.id,
      action: d.action as (typeof moderationActions.$inferSelect)["action"],
      reason: d.reason,
      createdAt: toDate(d.createdAt),
    })),
  };
}

/** Options for the filters on /projekt. */
export async function projectFilterOptions(db: Db) {
  const [areas, partnerRows, goalRows] = await Promise.all([
    db.select({ slug: focusAreas.slug, name: focusAreas.name }).from(focusAreas).orderBy(asc(focusAreas.position)),
    db.select({ slug: partners.slug, name: partners.name }).from(partners).orderBy(asc(partners.name)),
    db.select({ goal: sql<number>`distinct unnest(${labProjects.sdgGoals})` }).from(labProjects),
  ]);
  return { focusAreas: areas, partners: partnerRows, goals: goalRows.map((g) => Number(g.goal)).sort((a, b) => a - b) };
}
