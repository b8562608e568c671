import { and, asc, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { comments, ideas, moderationActions, reports, reviewItems, users, type ReportTarget } from "../../../db/schema";
import { renderMarkdown } from "../content/markdown.server";
import { loadTarget, targetLink } from "./targets.server";

const queueLimit = 100;

/** The author's track record, so a moderator can tell a first slip from a pattern. */
async function authorHistory(db: Db, userId: string) {
  const [user] = await db
    .select({ createdAt: users.createdAt, suspendedUntil: users.suspendedUntil })
    .from(users)
    .where(eq(users.id, userId));
  const countOf = async (table: typeof ideas | typeof comments, column: typeof ideas.authorId | typeof comments.authorId) => {
    const [row] = await db
      .select({
        all: sql<number>`count(*)::int`,
        removed: sql<number>`(count(*) filter (where ${table.hidden} or ${table.deletedAt} is not null))::int`,
      })
      .from(table)
      .where(eq(column, userId));
    return row;
  };
  const ideaCounts = await countOf(ideas, ideas.authorId);
  const commentCounts = await countOf(comments, comments.authorId);
  const ownIdeas = db
    .select({ id: sql<string>`${ideas.id}::text` })
    .from(ideas)
    .where(eq(ideas.authorId, userId));
  const ownComments = db
    .select({ id: sql<string>`${comments.id}::text` })
    .from(comments)
    .where(eq(comments.authorId, userId));
  const earlier = await db
    .select({
      action: moderationActions.action,
      reasonCategory: moderationActions.reasonCategory,
      createdAt: moderationActions.createdAt,
    })
    .from(moderationActions)
    .where(
      sql`(${moderationActions.targetType} = 'user' and ${moderationActions.targetId} = ${userId})
        or (${moderationActions.targetType} = 'idea' and ${moderationActions.targetId} in ${ownIdeas})
        or (${moderationActions.targetType} = 'comment' and ${moderationActions.targetId} in ${ownComments})`,
    )
    .orderBy(desc(moderationActions.createdAt))
    .limit(5);
  return {
    memberSince: user?.createdAt.toISOString() ?? null,
    suspendedUntil: user?.suspendedUntil?.toISOString() ?? null,
    ideas: ideaCounts.all,
    comments: commentCounts.all,
    removed: ideaCounts.removed + commentCounts.removed,
    earlierDecisions: earlier.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
  };
}

export type QueueItem = Awaited<ReturnType<typeof listQueue>>[number];

/** Pending cases, oldest first, with every report, the content, its context and the author's history. */
export async function listQueue(db: Db, viewerId: string) {
  const items = await db
    .select()
    .from(reviewItems)
    .where(eq(reviewItems.status, "pending"))
    .orderBy(asc(reviewItems.createdAt), asc(reviewItems.id))
    .limit(queueLimit);
  const itemIds = items.map((i) => i.id);
  const reportRows = itemIds.length
    ? await db
        .select({
          itemId: reports.reviewItemId,
          reason: reports.reason,
          note: reports.note,
          createdAt: reports.createdAt,
          reporter: users.displayName,
        })
        .from(reports)
        .innerJoin(users, eq(users.id, reports.reporterId))
        .where(and(isNotNull(reports.reviewItemId), inArray(reports.reviewItemId, itemIds)))
        .orderBy(asc(reports.createdAt))
    : [];
  const result = [];
  for (const item of items) {
    const target = await loadTarget(db, item.targetType as ReportTarget, item.targetId);
    if (!target) continue;
    let context: { ideaTitle: string; ideaLink: string } | null = null;
    if (target.type === "comment") context = { ideaTitle: target.title ?? "", ideaLink: `/ideer/${target.ideaId}` };
    result.push({
      id: item.id,
      origin: item.origin,
      createdAt: item.createdAt.toISOString(),
      appealNote: item.appealNote,
      decidedByViewer: item.excludedModeratorId === viewerId,
      reports: reportRows
        .filter((r) => r.itemId === item.id)
        .map((r) => ({ reason: r.reason, note: r.note, reporter: r.reporter, createdAt: r.createdAt.toISOString() })),
      target: {
        type: target.type,
        id: target.id,
        title: target.type === "idea" ? target.title : null,
        bodyHtml: target.body !== null ? renderMarkdown(target.body) : null,
        hidden: target.hidden,
        hiddenReason: target.hiddenReason,
        deleted: target.deleted,
        link: targetLink(target),
        suspendedUntil: target.suspendedUntil?.toISOString() ?? null,
      },
      context,
      author: {
        id: target.ownerId,
        displayName: target.ownerName,
        role: target.ownerRole,
        ...(await authorHistory(db, target.ownerId)),
      },
    });
  }
  return result;
}
