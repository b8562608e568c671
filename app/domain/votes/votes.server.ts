import { and, eq, inArray, isNull, sql, type SQLWrapper } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { challenges, commentVotes, comments, ideas, ideaSupports } from "../../../db/schema";
import { hotScoreOf } from "../../../db/ranking";
import { recordEvent } from "../live/outbox.server";
import { recordIdeaCounters } from "../ideas/events.server";
import { applySupportThreshold } from "../lab/threshold.server";
import { followByDefault } from "../notifications/notifications.server";
import { activeIdeaStatuses, isRemoved } from "../content/rules";
import { Refusal, refusing, type WriteResult } from "../result";

/** The vote of `userId` on the comment (a column or an id): 1, -1 or null, as a subquery. */
export function voteOn(userId: SQLWrapper | string, commentId: SQLWrapper | number) {
  return sql<
    number | null
  >`(select ${commentVotes.value} from ${commentVotes} where ${commentVotes.commentId} = ${commentId} and ${commentVotes.userId} = ${userId})`;
}

/** Whether `userId` supports the idea (an id column or a value), as a subquery. */
export function supportsIdea(userId: SQLWrapper | string, ideaId: SQLWrapper | number) {
  return sql<boolean>`exists (select 1 from ${ideaSupports} where ${ideaSupports.ideaId} = ${ideaId} and ${ideaSupports.userId} = ${userId})`;
}

export type SupportProblem = "idea_not_found" | "idea_deleted" | "own_idea" | "idea_closed";
export type VoteProblem = "comment_not_found" | "comment_deleted" | "own_comment";

/** Idea statuses in which residents can still add or withdraw support. */
const supportableStatuses = new Set<string>(activeIdeaStatuses);

/**
 * Turns the user's support on or off (idempotent: a second "on" changes nothing). The idea row is
 * locked only by the counter's update, the transaction's last write before its events: the counter
 * and the hot score change in step with idea_supports, and other writes to the idea wait for as
 * short a time as can be. The update's WHERE repeats the checks, so an idea closed or removed in
 * the meantime refuses the support and nothing is written.
 */
export async function setSupport(
  db: Db,
  input: { ideaId: number; userId: string; supported: boolean },
): Promise<WriteResult<SupportProblem, { supported: boolean; supportCount: number }>> {
  return refusing<SupportProblem, WriteResult<SupportProblem, { supported: boolean; supportCount: number }>>(() =>
    db.transaction(async (tx) => {
      const [found] = await tx
        .select({ idea: ideas, threshold: challenges.supportThreshold, challengeTitle: challenges.title })
        .from(ideas)
        .innerJoin(challenges, eq(challenges.id, ideas.challengeId))
        .where(eq(ideas.id, input.ideaId));
      if (!found) return { ok: false, problem: "idea_not_found" } as const;
      const { idea } = found;
      if (isRemoved(idea)) return { ok: false, problem: "idea_deleted" } as const;
      if (idea.authorId === input.userId) return { ok: false, problem: "own_idea" } as const;
      if (!supportableStatuses.has(idea.status)) return { ok: false, problem: "idea_closed" } as const;

      const changed = input.supported
        ? await tx.insert(ideaSupports).values({ ideaId: idea.id, userId: input.userId }).onConflictDoNothing().returning()
        : await tx
            .delete(ideaSupports)
            .where(and(eq(ideaSupports.ideaId, idea.id), eq(ideaSupports.userId, input.userId)))
            .returning();
      if (changed.length === 0) {
        return { ok: true, supported: input.supported, supportCount: idea.supportCount, events: [] } as const;
      }
      if (input.supported) await followByDefault(tx, input.userId, "idea", idea.id);
      const count = sql`${ideas.supportCount} + ${input.supported ? 1 : -1}`;
      const [updated] = await tx
        .update(ideas)
        .set({ supportCount: count, hotScore: hotScoreOf(count) })
        .where(
          and(
            eq(ideas.id, idea.id),
            inArray(ideas.status, [...activeIdeaStatuses]),
            eq(ideas.hidden, false),
            isNull(ideas.deletedAt),
          ),
        )
        .returning();
      if (!updated) {
        const [current] = await tx.select().from(ideas).where(eq(ideas.id, idea.id));
        throw new Refusal<SupportProblem>(!current || isRemoved(current) ? "idea_deleted" : "idea_closed");
      }
      const events = [
        await recordEvent(tx, `idea:${idea.id}`, "idea.support", { id: idea.id, supportCount: updated.supportCount }),
        await recordIdeaCounters(tx, updated),
        ...(await applySupportThreshold(tx, idea.id, {
          idea: updated,
          threshold: found.threshold,
          challengeTitle: found.challengeTitle,
        })),
      ];
      return { ok: true, supported: input.supported, supportCount: updated.supportCount, events } as const;
    }),
  );
}

/** Sets the user's vote on a comment to +1 or -1, or removes it with 0. */
export async function voteComment(
  db: Db,
  input: { commentId: number; userId: string; value: -1 | 0 | 1 },
): Promise<WriteResult<VoteProblem, { value: number; score: number }>> {
  return db.transaction(async (tx) => {
    const [comment] = await tx.select().from(comments).where(eq(comments.id, input.commentId)).for("update");
    if (!comment) return { ok: false, problem: "comment_not_found" } as const;
    if (isRemoved(comment)) return { ok: false, problem: "comment_deleted" } as const;
    if (comment.authorId === input.userId) return { ok: false, problem: "own_comment" } as const;

    const mine = and(eq(commentVotes.commentId, comment.id), eq(commentVotes.userId, input.userId));
    const [existing] = await tx.select({ value: commentVotes.value }).from(commentVotes).where(mine);
    const before = existing?.value ?? 0;
    if (before === input.value) return { ok: true, value: before, score: comment.score, events: [] } as const;
    if (input.value === 0) await tx.delete(commentVotes).where(mine);
    else if (existing) await tx.update(commentVotes).set({ value: input.value }).where(mine);
    else await tx.insert(commentVotes).values({ commentId: comment.id, userId: input.userId, value: input.value });

    const [updated] = await tx
      .update(comments)
      .set({ score: sql`${comments.score} + ${input.value - before}` })
      .where(eq(comments.id, comment.id))
      .returning({ score: comments.score });
    const event = await recordEvent(tx, `idea:${comment.ideaId}`, "comment.score", { id: comment.id, score: updated.score });
    return { ok: true, value: input.value, score: updated.score, events: [event] } as const;
  });
}

/** The viewer's own votes among the comments on a page, so the buttons show their state. */
export async function getViewerVotes(db: Db, userId: string, commentIds: number[]): Promise<Record<number, number>> {
  if (commentIds.length === 0) return {};
  const rows = await db
    .select({ commentId: commentVotes.commentId, value: commentVotes.value })
    .from(commentVotes)
    .where(and(eq(commentVotes.userId, userId), inArray(commentVotes.commentId, commentIds)));
  return Object.fromEntries(rows.map((r) => [r.commentId, r.value]));
}
