import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { challenges, ideaReviews, ideas, users } from "../../../db/schema";
import type { LiveEvent } from "../../realtime/events";
import { recordEvent } from "../live/outbox.server";
import { recordIdeaCounters } from "../ideas/events.server";
import { notifyUsers } from "../notifications/notifications.server";
import { isRemoved } from "../content/rules";

/** Roles that review ideas in Samhällslabbet. */
export const labRoles = ["lab_staff", "admin"] as const;

export async function labStaffIds(tx: DbOrTx): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(inArray(users.role, [...labRoles]));
  return rows.map((r) => r.id);
}

/**
 * Call inside the transaction that changed an idea's supports. When the idea has reached its
 * challenge's threshold it becomes ready_for_review, once: the idea row is locked, the status
 * only moves from "open", and idea_reviews' primary key refuses a second arrival. An idea that
 * falls below the threshold later keeps its status (the criteria say so on the page).
 */
export async function applySupportThreshold(
  tx: DbOrTx,
  ideaId: number,
  /** The idea as the caller's update of it returned it (so already locked), with its challenge's threshold. */
  known?: { idea: typeof ideas.$inferSelect; threshold: number; challengeTitle: string },
): Promise<LiveEvent[]> {
  const [row] = known
    ? [known]
    : await tx
        .select({ idea: ideas, threshold: challenges.supportThreshold, challengeTitle: challenges.title })
        .from(ideas)
        .innerJoin(challenges, eq(challenges.id, ideas.challengeId))
        .where(eq(ideas.id, ideaId))
        .for("update", { of: ideas });
  if (!row) return [];
  const { idea, threshold } = row;
  if (idea.status !== "open" || isRemoved(idea) || idea.supportCount < threshold) return [];

  const reachedAt = new Date();
  const inserted = await tx
    .insert(ideaReviews)
    .values({ ideaId: idea.id, reachedAt, supportCountAtReady: idea.supportCount, threshold })
    .onConflictDoNothing()
    .returning({ ideaId: ideaReviews.ideaId });
  if (inserted.length === 0) return [];
  const [updated] = await tx
    .update(ideas)
    .set({ status: "ready_for_review" })
    .where(and(eq(ideas.id, idea.id), eq(ideas.status, "open")))
    .returning();
  if (!updated) return [];

  const link = `/ideer/${idea.id}`;
  const data = { ideaId: idea.id, ideaTitle: idea.title, supportCount: idea.supportCount, threshold };
  const events: LiveEvent[] = [
    await recordEvent(tx, `idea:${idea.id}`, "idea.status", { id: idea.id, status: updated.status }),
    await recordIdeaCounters(tx, updated),
    await recordEvent(tx, "lab", "lab.ready", {
      id: idea.id,
      title: idea.title,
      challengeTitle: row.challengeTitle,
      supportCount: idea.supportCount,
      threshold,
      reachedAt: reachedAt.toISOString(),
    }),
  ];
  events.push(...(await notifyUsers(tx, [idea.authorId], { kind: "idea.threshold", data, link })));
  const staff = (await labStaffIds(tx)).filter((id) => id !== idea.authorId);
  events.push(...(await notifyUsers(tx, staff, { kind: "lab.ready", data, link: "/labbet" })));
  return events;
}
