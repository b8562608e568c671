import { and, asc, desc, eq, gte, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { challenges, ideaReviews, ideas, users } from "../../../db/schema";
import type { LiveEvent } from "../../realtime/events";
import { recordAudit } from "../audit/audit.server";
import { recordEvent } from "../live/outbox.server";
import { applySupportThreshold, labRoles } from "./threshold.server";
import type { QueueSort } from "./sorts";
import { activeIdeaStatuses } from "../content/rules";
import type { WriteResult } from "../result";

/** Ideas waiting for a lab decision: newest arrival first, or most supported first. */
export function listReviewQueue(db: Db, sort: QueueSort = "newest") {
  return db
    .select({
      id: ideas.id,
      title: ideas.title,
      supportCount: ideas.supportCount,
      commentCount: ideas.commentCount,
      createdAt: ideas.createdAt,
      reachedAt: ideaReviews.reachedAt,
      threshold: challenges.supportThreshold,
      challenge: { id: challenges.id, slug: challenges.slug, title: challenges.title },
      author: { id: users.id, displayName: users.displayName },
    })
    .from(ideas)
    .innerJoin(challenges, eq(challenges.id, ideas.challengeId))
    .innerJoin(users, eq(users.id, ideas.authorId))
    .leftJoin(ideaReviews, eq(ideaReviews.ideaId, ideas.id))
    .where(and(eq(ideas.status, "ready_for_review"), eq(ideas.hidden, false)))
    .orderBy(
      ...(sort === "supports" ? [desc(ideas.supportCount), desc(ideas.id)] : [desc(ideaReviews.reachedAt), desc(ideas.id)]),
    )
    .limit(200);
}

/** Ideas staff may merge into a project from the same challenge (open or waiting). */
export function listMergeCandidates(db: Db, challengeId: number) {
  return db
    .select({ id: ideas.id, title: ideas.title, supportCount: ideas.supportCount, status: ideas.status })
    .from(ideas)
    .where(and(eq(ideas.challengeId, challengeId), inArray(ideas.status, [...activeIdeaStatuses]), eq(ideas.hidden, false)))
    .orderBy(desc(ideas.supportCount), asc(ideas.id))
    .limit(100);
}

export function listLabStaff(db: Db) {
  return db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(inArray(users.role, [...labRoles]))
    .orderBy(asc(users.displayName));
}

/**
 * Sets a challenge's support threshold (public, audited). Open ideas that already have enough
 * support become ready for review at once, by the same rule as a new support.
 */
export async function setSupportThreshold(
  db: Db,
  input: { actorId: string; challengeId: number; threshold: number },
): Promise<WriteResult<"challenge_not_found">> {
  return db.transaction(async (tx) => {
    const [challenge] = await tx.select().from(challenges).where(eq(challenges.id, input.challengeId)).for("update");
    if (!challenge) return { ok: false, problem: "challenge_not_found" } as const;
    if (challenge.supportThreshold === input.threshold) return { ok: true, events: [] } as const;
    await tx.update(challenges).set({ supportThreshold: input.threshold }).where(eq(challenges.id, challenge.id));
    await recordAudit(tx, {
      actorId: input.actorId,
      action: "challenge.threshold",
      targetType: "challenge",
      targetId: challenge.id,
      details: { from: challenge.supportThreshold, to: input.threshold },
    });
    const reached = await tx
      .select({ id: ideas.id })
      .from(ideas)
      .where(and(eq(ideas.challengeId, challenge.id), eq(ideas.status, "open"), gte(ideas.supportCount, input.threshold)))
      .orderBy(asc(ideas.id));
    const events: LiveEvent[] = [
      await recordEvent(tx, `challenge:${challenge.id}`, "challenge.threshold", { id: challenge.id, threshold: input.threshold }),
    ];
    for (const idea of reached) events.push(...(await applySupportThreshold(tx, idea.id)));
    return { ok: true, events } as const;
  });
}
