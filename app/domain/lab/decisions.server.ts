import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { challenges, follows, ideaReviews, ideas, ideaSupports, projectIdeas } from "../../../db/schema";
import type { LiveEvent } from "../../realtime/events";
import { recordAudit } from "../audit/audit.server";
import { recordIdeaCounters } from "../ideas/events.server";
import { recordEvent } from "../live/outbox.server";
import { followersOf, notifyUsers } from "../notifications/notifications.server";
import { insertProject, type CreateProblem } from "../projects/create.server";
import { activeIdeaStatuses, isRemoved } from "../content/rules";
import type { WriteResult } from "../result";

/** What stops a decline: the idea is gone or already decided, or the public reason is missing. */
export type DeclineProblem = "idea_not_found" | "idea_not_reviewable" | "reason_required";
/** A promotion can also fail on the project it would create, or on ideas from different challenges. */
export type PromoteProblem = DeclineProblem | CreateProblem | "different_challenges";

export type Decision<T extends object = object, P extends string = PromoteProblem> = WriteResult<P, T, { ideaId?: number }>;

const reviewable = new Set<string>(activeIdeaStatuses);

export interface PromoteInput {
  actorId: string;
  /** One idea, or several merged into one project. */
  ideaIds: number[];
  title: string;
  summary: string;
  leadId: string;
  partnerIds: number[];
  /** Required when an idea has not reached the threshold; always public. */
  reason?: string | null;
}

/**
 * Promotes one or more ideas (all from the same challenge) into a new lab project. Ideas below
 * their threshold need a recorded reason. Author, supporters and followers are told, and they
 * follow the project from now on so they hear how it goes.
 */
export async function promoteIdeas(
  db: Db,
  input: PromoteInput,
): Promise<Decision<{ projectId: number; slug: string }, PromoteProblem>> {
  const ideaIds = [...new Set(input.ideaIds)].sort((a, b) => a - b);
  if (ideaIds.length === 0) return { ok: false, problem: "idea_not_found" };
  const reason = input.reason?.trim() || null;
  return db.transaction(async (tx) => {
    // Locked in id order so that two merges of overlapping ideas cannot deadlock.
    const rows = await tx
      .select({ idea: ideas, threshold: challenges.supportThreshold })
      .from(ideas)
      .innerJoin(challenges, eq(challenges.id, ideas.challengeId))
      .where(inArray(ideas.id, ideaIds))
      .orderBy(asc(ideas.id))
      .for("update", { of: ideas });
    for (const id of ideaIds) {
      const row = rows.find((r) => r.idea.id === id);
      if (!row || isRemoved(row.idea)) return { ok: false, problem: "idea_not_found", ideaId: id } as const;
      if (!reviewable.has(row.idea.status)) return { ok: false, problem: "idea_not_reviewable", ideaId: id } as const;
    }
    if (new Set(rows.map((r) => r.idea.challengeId)).size > 1) return { ok: false, problem: "different_challenges" } as const;
    const below = rows.filter((r) => r.idea.status === "open");
    if (below.length > 0 && !reason) return { ok: false, problem: "reason_required", ideaId: below[0].idea.id } as const;

    const created = await insertProject(tx, {
      actorId: input.actorId,
      title: input.title,
      summary: input.summary,
      leadId: input.leadId,
      challengeId: rows[0].idea.challengeId,
      partnerIds: input.partnerIds,
      reason,
    });
    if (!created.ok) return created;
    const { project } = created;
    await tx
      .insert(projectIdeas)
      .values(rows.map((r) => ({ projectId: project.id, ideaId: r.idea.id, supportCountAtPromotion: r.idea.supportCount })));
    for (const r of below) {
      await tx
        .insert(ideaReviews)
        .values({ ideaId: r.idea.id, reachedAt: null, supportCountAtReady: r.idea.supportCount, threshold: r.threshold })
        .onConflictDoNothing();
    }
    const updated = await tx.update(ideas).set({ status: "promoted" }).where(inArray(ideas.id, ideaIds)).returning();
    for (const r of rows) {
      await recordAudit(tx, {
        actorId: input.actorId,
        action: "idea.promote",
        targetType: "idea",
        targetId: r.idea.id,
        reason,
        details: {
          projectId: project.id,
          projectSlug: project.slug,
          projectTitle: project.title,
          belowThreshold: r.idea.status === "open",
          merged: ideaIds.length > 1,
        },
      });
    }

    const supporters = (
      await tx.select({ userId: ideaSupports.userId }).from(ideaSupports).where(inArray(ideaSupports.ideaId, ideaIds))
    ).map((s) => s.userId);
    const authors = rows.map((r) => r.idea.authorId);
    // Followers of the challenge hear what comes out of it too.
    const followers = [
      ...(await followersOf(tx, "idea", ideaIds)),
      ...(await followersOf(tx, "challenge", [rows[0].idea.challengeId])),
    ];
    const audience = [...new Set([...authors, ...supporters, ...followers])];
    if (audience.length > 0) {
      await tx
        .insert(follows)
        .values(audience.map((userId) => ({ userId, targetType: "project" as const, targetId: project.id })))
        .onConflictDoNothing();
    }

    const link = `/projekt/${project.slug}`;
    const projectRef = { slug: project.slug, title: project.title };
    const events: LiveEvent[] = [];
    for (const idea of updated) {
      events.push(
        await recordEvent(tx, `idea:${idea.id}`, "idea.status", { id: idea.id, status: idea.status, project: projectRef }),
      );
      events.push(await recordIdeaCounters(tx, idea));
      events.push(await recordEvent(tx, "lab", "lab.decided", { id: idea.id, status: idea.status }));
    }
    for (const r of rows) {
      const data = { ideaId: r.idea.id, ideaTitle: r.idea.title, projectSlug: project.slug, projectTitle: project.title, reason };
      const own = r.idea.authorId === input.actorId ? [] : [r.idea.authorId];
      events.push(...(await notifyUsers(tx, own, { kind: "idea.promoted", data, link })));
    }
    const others = audience.filter((id) => id !== input.actorId && !authors.includes(id));
    const first = rows[0].idea;
    events.push(
      ...(await notifyUsers(tx, others, {
        kind: "idea.promoted",
        data: { ideaId: first.id, ideaTitle: first.title, projectSlug: project.slug, projectTitle: project.title, reason },
        link,
      })),
    );
    return { ok: true, projectId: project.id, slug: project.slug, events } as const;
  });
}

/** Declines an idea with a public reason; the author and followers are told why. */
export async function declineIdea(
  db: Db,
  input: { actorId: string; ideaId: number; reason: string },
): Promise<Decision<object, DeclineProblem>> {
  const reason = input.reason.trim();
  if (!reason) return { ok: false, problem: "reason_required" };
  return db.transaction(async (tx) => {
    const [idea] = await tx.select().from(ideas).where(eq(ideas.id, input.ideaId)).for("update");
    if (!idea || isRemoved(idea)) return { ok: false, problem: "idea_not_found" } as const;
    if (!reviewable.has(idea.status)) return { ok: false, problem: "idea_not_reviewable" } as const;
    const [updated] = await tx.update(ideas).set({ status: "declined" }).where(eq(ideas.id, idea.id)).returning();
    await recordAudit(tx, {
      actorId: input.actorId,
      action: "idea.decline",
      targetType: "idea",
      targetId: idea.id,
      reason,
    });
    const events: LiveEvent[] = [
      await recordEvent(tx, `idea:${idea.id}`, "idea.status", { id: idea.id, status: updated.status, reason }),
      await recordIdeaCounters(tx, updated),
      await recordEvent(tx, "lab", "lab.decided", { id: idea.id, status: updated.status }),
    ];
    const audience = [idea.authorId, ...(await followersOf(tx, "idea", [idea.id]))].filter((id) => id !== input.actorId);
    events.push(
      ...(await notifyUsers(tx, audience, {
        kind: "idea.declined",
        data: { ideaId: idea.id, ideaTitle: idea.title, reason },
        link: `/ideer/${idea.id}`,
      })),
    );
    return { ok: true, events } as const;
  });
}
