import { and, eq, gt } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { moderationActions, reviewItems, reportTargets, type ReportTarget } from "../../../db/schema";
import { can, type Actor } from "../../auth/permissions";
import { recordEvent } from "../live/outbox.server";
import { loadTarget } from "./targets.server";
import { isRowId } from "../../../db/constants";
import type { WriteResult } from "../result";

/** Decisions an author may ask to have looked at again. */
const appealable = /^(idea|comment|user)\.(hide|delete|edit|suspend|lock)$/;

export type AppealProblem = "not_found" | "forbidden" | "not_appealable" | "already_appealed";

/** The decision as its author sees it on the appeal page. */
export async function getAppealableDecision(db: Db, actor: Actor, auditId: number) {
  if (!isRowId(auditId)) return null;
  const [action] = await db.select().from(moderationActions).where(eq(moderationActions.id, auditId));
  if (!action || !(reportTargets as readonly string[]).includes(action.targetType)) return null;
  const target = await loadTarget(db, action.targetType as ReportTarget, action.targetId);
  if (!target || !can(actor, "moderation.appeal", { ownerId: target.ownerId })) return null;
  const [open] = await db
    .select({ id: reviewItems.id })
    .from(reviewItems)
    .where(
      and(
        eq(reviewItems.targetType, target.type),
        eq(reviewItems.targetId, target.id),
        eq(reviewItems.origin, "appeal"),
        gt(reviewItems.createdAt, action.createdAt),
      ),
    )
    .limit(1);
  return {
    auditId: action.id,
    action: action.action,
    reasonCategory: action.reasonCategory,
    reason: action.reason,
    createdAt: action.createdAt,
    target: { type: target.type, id: target.id, title: target.title },
    appealable: appealable.test(action.action),
    alreadyAppealed: open !== undefined,
  };
}

/**
 * The author asks for a decision to be reconsidered: the case goes back into the queue,
 * and the moderator who decided it may not decide it again.
 */
export async function appealDecision(
  db: Db,
  actor: Actor,
  auditId: number,
  note: string | null,
): Promise<WriteResult<AppealProblem, { reviewItemId: number }>> {
  const decision = await getAppealableDecision(db, actor, auditId);
  if (!decision) return { ok: false, problem: "not_found" };
  if (!decision.appealable) return { ok: false, problem: "not_appealable" };
  if (decision.alreadyAppealed) return { ok: false, problem: "already_appealed" };
  return db.transaction(async (tx) => {
    const [action] = await tx.select().from(moderationActions).where(eq(moderationActions.id, auditId));
    const values = { origin: "appeal" as const, excludedModeratorId: action.actorId, appealNote: note?.trim() || null };
    const [pending] = await tx
      .select({ id: reviewItems.id })
      .from(reviewItems)
      .where(
        and(
          eq(reviewItems.targetType, decision.target.type),
          eq(reviewItems.targetId, decision.target.id),
          eq(reviewItems.status, "pending"),
        ),
      )
      .for("update");
    const [item] = pending
      ? await tx.update(reviewItems).set(values).where(eq(reviewItems.id, pending.id)).returning({ id: reviewItems.id })
      : await tx
          .insert(reviewItems)
          .values({ targetType: decision.target.type, targetId: decision.target.id, ...values })
          .returning({ id: reviewItems.id });
    const event = await recordEvent(tx, "moderation", "review.created", {
      itemId: item.id,
      targetType: decision.target.type,
      appeal: true,
    });
    return { ok: true, reviewItemId: item.id, events: [event] } as const;
  });
}
