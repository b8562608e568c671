import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { comments, ideas } from "../../../db/schema";
import type { LiveEvent } from "../../realtime/events";
import { renderMarkdown } from "../content/markdown.server";
import { recordEvent } from "../live/outbox.server";
import { recordIdeaCounters } from "../ideas/events.server";
import type { ModerationTarget } from "./targets.server";

export type HiddenReason = "pending_review" | "moderator";

async function ideaRow(tx: DbOrTx, ideaId: number) {
  const [idea] = await tx.select().from(ideas).where(eq(ideas.id, ideaId));
  return idea;
}

/**
 * Hides an idea or comment. Readers' pages learn only the id (the public room never
 * carries hidden text): a hidden comment goes the way of a deleted one.
 */
export async function hideContent(tx: DbOrTx, target: ModerationTarget, reason: HiddenReason): Promise<LiveEvent[]> {
  if (target.type === "comment") {
    await tx
      .update(comments)
      .set({ hidden: true, hiddenReason: reason })
      .where(eq(comments.id, Number(target.id)));
    const idea = await ideaRow(tx, target.ideaId!);
    return [
      await recordEvent(tx, `idea:${idea.id}`, "comment.deleted", {
        id: Number(target.id),
        hidden: true,
        commentCount: idea.commentCount,
      }),
    ];
  }
  if (target.type !== "idea") return [];
  const [idea] = await tx
    .update(ideas)
    .set({ hidden: true, hiddenReason: reason })
    .where(eq(ideas.id, Number(target.id)))
    .returning();
  return [
    await recordEvent(tx, `idea:${idea.id}`, "idea.updated", { id: idea.id, deleted: true, hidden: true }),
    await recordIdeaCounters(tx, idea, { deleted: true }),
  ];
}

/** Shows hidden content again; readers' pages receive the text once more. */
export async function restoreContent(tx: DbOrTx, target: ModerationTarget): Promise<LiveEvent[]> {
  if (target.type === "comment") {
    const [row] = await tx
      .update(comments)
      .set({ hidden: false, hiddenReason: null })
      .where(eq(comments.id, Number(target.id)))
      .returning();
    if (row.deletedAt) return [];
    return [await recordEvent(tx, `idea:${row.ideaId}`, "comment.restored", { id: row.id, bodyHtml: renderMarkdown(row.body) })];
  }
  if (target.type !== "idea") return [];
  const [idea] = await tx
    .update(ideas)
    .set({ hidden: false, hiddenReason: null })
    .where(eq(ideas.id, Number(target.id)))
    .returning();
  if (idea.deletedAt) return [];
  return [
    await recordEvent(tx, `idea:${idea.id}`, "idea.updated", {
      id: idea.id,
      title: idea.title,
      bodyHtml: renderMarkdown(idea.body),
      editedAt: idea.editedAt?.toISOString() ?? null,
      deleted: false,
      hidden: false,
      supportCount: idea.supportCount,
      commentCount: idea.commentCount,
      status: idea.status,
    }),
    await recordIdeaCounters(tx, idea, { title: idea.title }),
  ];
}

/** Removes content for good (a soft delete, as an author's own delete). */
export async function deleteContent(tx: DbOrTx, target: ModerationTarget): Promise<LiveEvent[]> {
  const now = new Date();
  if (target.type === "comment") {
    await tx
      .update(comments)
      .set({ deletedAt: now })
      .where(eq(comments.id, Number(target.id)));
    const idea = await ideaRow(tx, target.ideaId!);
    const [updated] = await tx
      .update(ideas)
      .set({ commentCount: Math.max(0, idea.commentCount - 1) })
      .where(eq(ideas.id, idea.id))
      .returning();
    return [
      await recordEvent(tx, `idea:${idea.id}`, "comment.deleted", { id: Number(target.id), commentCount: updated.commentCount }),
      await recordIdeaCounters(tx, updated),
    ];
  }
  if (target.type !== "idea") return [];
  const [idea] = await tx
    .update(ideas)
    .set({ deletedAt: now })
    .where(eq(ideas.id, Number(target.id)))
    .returning();
  return [
    await recordEvent(tx, `idea:${idea.id}`, "idea.updated", { id: idea.id, deleted: true }),
    await recordIdeaCounters(tx, idea, { deleted: true }),
  ];
}
