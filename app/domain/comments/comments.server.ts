import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { alias } from "drizzle-orm/pg-core";
import { challenges, comments, ideas, revisions, users } from "../../../db/schema";
import { renderMarkdown } from "../content/markdown.server";
import { recordEvent } from "../live/outbox.server";
import { recordIdeaCounters } from "../ideas/events.server";
import { checkSpam, duplicatePostColumn, spamProblem, type SpamProblem } from "../moderation/spam.server";
import { moderationSettingsColumn, toModerationSettings } from "../moderation/settings.server";
import { holdForPremoderation } from "../moderation/premoderation.server";
import { onCommentCreated } from "../notifications/replies.server";
import { isRemoved } from "../content/rules";
import { isRowId } from "../../../db/constants";
import { Refusal, refusing, type WriteResult } from "../result";

export type CommentProblem =
  "idea_not_found" | "idea_deleted" | "idea_locked" | "parent_not_found" | "comment_not_found" | "comment_deleted" | SpamProblem;

type Outcome<T extends object = object> = WriteResult<CommentProblem, T>;

/** A comment as readers see it: removed text is never sent, only the fact that it was removed. */
export interface CommentView {
  id: number;
  ideaId: number;
  parentId: number | null;
  rootId: number | null;
  depth: number;
  author: { id: string; displayName: string };
  bodyHtml: string | null;
  state: "visible" | "deleted" | "hidden";
  /** Hidden by reports or pre-moderation, until a moderator has looked. */
  hiddenPending: boolean;
  score: number;
  createdAt: string;
  editedAt: string | null;
}

export type CommentRow = Omit<typeof comments.$inferSelect, "search">;

export function toView(row: CommentRow, author: { id: string; displayName: string }): CommentView {
  const state = row.deletedAt ? "deleted" : row.hidden ? "hidden" : "visible";
  return {
    id: row.id,
    ideaId: row.ideaId,
    parentId: row.parentId,
    rootId: row.rootId,
    depth: row.depth,
    author,
    bodyHtml: state === "visible" ? renderMarkdown(row.body) : null,
    state,
    hiddenPending: state === "hidden" && row.hiddenReason === "pending_review",
    score: row.score,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
  };
}

export async function createComment(
  db: Db,
  input: { ideaId: number; authorId: string; body: string; parentId?: number },
): Promise<Outcome<{ commentId: number }>> {
  return refusing<CommentProblem, Outcome<{ commentId: number }>>(() =>
    db.transaction(async (tx) => {
      const now = new Date();
      // One statement for everything the write decides on: the idea, the parent and both authors, the
      // challenge's pre-moderation, the spam facts and the new comment's id. The idea is locked only
      // by the counter's update, the last write before the events (see setSupport).
      const parent = alias(comments, "parent");
      const parentAuthor = alias(users, "parent_author");
      const [found] = await tx
        .select({
          idea: ideas,
          premoderate: challenges.premoderateNewAccounts,
          author: { id: users.id, displayName: users.displayName, role: users.role, createdAt: users.createdAt },
          parent: {
            id: parent.id,
            rootId: parent.rootId,
            depth: parent.depth,
            authorId: parent.authorId,
            deletedAt: parent.deletedAt,
            hidden: parent.hidden,
          },
          parentAuthorName: parentAuthor.displayName,
          settings: moderationSettingsColumn(),
          duplicate: duplicatePostColumn(input.authorId, input.body, now),
          newId: sql<number>`nextval(pg_get_serial_sequence('comments', 'id'))`.mapWith(Number),
        })
        .from(ideas)
        .innerJoin(challenges, eq(challenges.id, ideas.challengeId))
        .leftJoin(users, eq(users.id, input.authorId))
        .leftJoin(parent, and(eq(parent.id, input.parentId ?? 0), eq(parent.ideaId, ideas.id)))
        .leftJoin(parentAuthor, eq(parentAuthor.id, parent.authorId))
        .where(eq(ideas.id, input.ideaId));
      if (!found) return { ok: false, problem: "idea_not_found" } as const;
      const { idea, author } = found;
      if (isRemoved(idea)) return { ok: false, problem: "idea_deleted" } as const;
      if (idea.locked) return { ok: false, problem: "idea_locked" } as const;
      if (!author) throw new Error(`no account ${input.authorId}`);
      const parentRow = input.parentId === undefined ? null : found.parent;
      // A removed comment keeps its replies but takes no new ones.
      if (input.parentId !== undefined && (!parentRow || isRemoved(parentRow)))
        return { ok: false, problem: "parent_not_found" } as const;
      const settings = toModerationSettings(found.settings);
      const spam = await checkSpam(tx, input.authorId, input.body, now, {
        settings,
        authorCreatedAt: author.createdAt,
        duplicate: Boolean(found.duplicate),
      });
      if (!spam.ok) return { ok: false, problem: spamProblem(spam) } as const;
      // A top-level comment is the root of its own thread.
      const [row] = await tx
        .insert(comments)
        .values({
          id: found.newId,
          ideaId: idea.id,
          authorId: input.authorId,
          body: input.body,
          parentId: parentRow?.id ?? null,
          rootId: parentRow ? (parentRow.rootId ?? parentRow.id) : found.newId,
          depth: parentRow ? parentRow.depth + 1 : 0,
          createdAt: now,
        })
        .returning();
      // A comment held for pre-moderation must not reach the public room; only the count changes.
      const hold = await holdForPremoderation(
        tx,
        { type: "comment", id: row.id, authorId: input.authorId, challengeId: idea.challengeId },
        now,
        { premoderate: found.premoderate, author, settings },
      );
      const notified = hold.held
        ? []
        : await onCommentCreated(tx, {
            ideaId: idea.id,
            ideaTitle: idea.title,
            ideaAuthorId: idea.authorId,
            parentAuthorId: parentRow?.authorId ?? null,
            commentId: row.id,
            authorId: input.authorId,
            authorName: author.displayName,
            hidden: row.hidden,
          });
      // The idea as it was checked above: a lock or a removal since refuses the comment, and nothing stays written.
      const [updatedIdea] = await tx
        .update(ideas)
        .set({ commentCount: sql`${ideas.commentCount} + 1`, lastActivityAt: now })
        .where(and(eq(ideas.id, idea.id), eq(ideas.locked, false), eq(ideas.hidden, false), isNull(ideas.deletedAt)))
        .returning();
      if (!updatedIdea) {
        const [current] = await tx.select({ locked: ideas.locked }).from(ideas).where(eq(ideas.id, idea.id));
        throw new Refusal<CommentProblem>(current?.locked ? "idea_locked" : "idea_deleted");
      }
      if (hold.held)
        return { ok: true, commentId: row.id, events: [...hold.events, await recordIdeaCounters(tx, updatedIdea)] } as const;
      const events = [
        await recordEvent(tx, `idea:${idea.id}`, "comment.created", {
          ...toView(row, { id: author.id, displayName: author.displayName }),
          replyTo: parentRow ? { id: parentRow.id, displayName: found.parentAuthorName ?? "" } : null,
          commentCount: updatedIdea.commentCount,
        }),
        await recordIdeaCounters(tx, updatedIdea),
        ...notified,
      ];
      return { ok: true, commentId: row.id, events } as const;
    }),
  );
}

export async function updateComment(
  db: Db,
  input: { commentId: number; editorId: string; body: string },
): Promise<Outcome<{ changed: boolean }>> {
  return db.transaction(async (tx) => {
    const [comment] = await tx.select().from(comments).where(eq(comments.id, input.commentId)).for("update");
    if (!comment) return { ok: false, problem: "comment_not_found" } as const;
    if (comment.deletedAt) return { ok: false, problem: "comment_deleted" } as const;
    if (comment.body === input.body) return { ok: true, changed: false, events: [] } as const;
    await tx
      .insert(revisions)
      .values({ targetType: "comment", targetId: comment.id, editorId: input.editorId, body: comment.body });
    const [row] = await tx
      .update(comments)
      .set({ body: input.body, editedAt: new Date() })
      .where(eq(comments.id, comment.id))
      .returning();
    const payload = row.hidden
      ? { id: row.id, editedAt: row.editedAt!.toISOString() }
      : { id: row.id, bodyHtml: renderMarkdown(row.body), editedAt: row.editedAt!.toISOString() };
    const event = await recordEvent(tx, `idea:${row.ideaId}`, "comment.updated", payload);
    return { ok: true, changed: true, events: [event] } as const;
  });
}

/** Soft delete: replies stay in place under a "[borttagen]" marker. */
export async function deleteComment(db: Db, input: { commentId: number }): Promise<Outcome<object>> {
  return db.transaction(async (tx) => {
    const [comment] = await tx.select().from(comments).where(eq(comments.id, input.commentId));
    if (!comment) return { ok: false, problem: "comment_not_found" } as const;
    // Lock order idea → comment, the same as createComment, so the two cannot deadlock.
    await tx.select({ id: ideas.id }).from(ideas).where(eq(ideas.id, comment.ideaId)).for("update");
    const [current] = await tx.select().from(comments).where(eq(comments.id, comment.id)).for("update");
    if (current.deletedAt) return { ok: true, events: [] } as const;
    await tx.update(comments).set({ deletedAt: new Date() }).where(eq(comments.id, comment.id));
    const [updatedIdea] = await tx
      .update(ideas)
      .set({ commentCount: sql`${ideas.commentCount} - 1` })
      .where(eq(ideas.id, comment.ideaId))
      .returning();
    const events = [
      await recordEvent(tx, `idea:${comment.ideaId}`, "comment.deleted", {
        id: comment.id,
        commentCount: updatedIdea.commentCount,
      }),
      await recordIdeaCounters(tx, updatedIdea),
    ];
    return { ok: true, events } as const;
  });
}

export async function getComment(db: Db, id: number) {
  if (!isRowId(id)) return null;
  const [row] = await db
    .select({ comment: comments, author: { id: users.id, displayName: users.displayName } })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(eq(comments.id, id));
  return row ? { ...row.comment, author: row.author } : null;
}
