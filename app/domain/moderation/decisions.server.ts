import { and, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { ideas, revisions, reviewItems, users, type ReportReason, type ReportTarget } from "../../../db/schema";
import type { LiveEvent } from "../../realtime/events";
import { can, type Actor, type ModerationAction } from "../../auth/permissions";
import { recordAudit } from "../audit/audit.server";
import { recordEvent } from "../live/outbox.server";
import { notifyUsers } from "../notifications/notifications.server";
import { loadTarget, type ModerationTarget } from "./targets.server";
import { rewritePost } from "./live-text.server";
import { deleteContent, hideContent, restoreContent } from "./visibility.server";

import { decisionKinds, type DecisionKind } from "../audit/actions";

export type Decision =
  | { kind: Exclude<DecisionKind, "edit" | "suspend"> }
  | { kind: "edit"; title?: string; body: string }
  | { kind: "suspend"; until: Date };

export interface DecisionInput {
  targetType: ReportTarget;
  targetId: string;
  decision: Decision;
  reasonCategory?: ReportReason | null;
  reason?: string | null;
}

export type DecisionProblem = "not_found" | "forbidden" | "not_applicable" | "reason_required" | "nothing_pending";

export type DecisionOutcome =
  { ok: true; auditId: number; events: LiveEvent[]; disconnectUserId: string | null } | { ok: false; problem: DecisionProblem };

const permissionFor: Record<DecisionKind, ModerationAction> = {
  approve: "moderation.approve",
  hide: "moderation.hide",
  restore: "moderation.restore",
  delete: "moderation.delete",
  edit: "moderation.edit",
  lock: "moderation.lock",
  unlock: "moderation.lock",
  pin: "moderation.pin",
  unpin: "moderation.pin",
  suspend: "moderation.suspend",
  unsuspend: "moderation.unsuspend",
};

/** Which targets each decision applies to, in which state. */
function applies(kind: DecisionKind, t: ModerationTarget): boolean {
  const content = t.type !== "user" && !t.deleted;
  switch (kind) {
    case "approve":
      return t.type === "user" || !t.deleted;
    case "hide":
      return content && !t.hidden;
    case "restore":
      return content && t.hidden;
    case "delete":
    case "edit":
      return content;
    case "lock":
      return content && t.type === "idea" && !t.locked;
    case "unlock":
      return content && t.type === "idea" && t.locked;
    case "pin":
      return content && t.type === "idea" && !t.pinned;
    case "unpin":
      return content && t.type === "idea" && t.pinned;
    case "suspend":
      return t.type === "user";
    case "unsuspend":
      return t.type === "user" && t.suspendedUntil !== null && t.suspendedUntil.getTime() > Date.now();
  }
}

/** Decisions that need a stated reason, and those that close the pending case one way or the other. */
const needsReason: ReadonlySet<DecisionKind> = new Set(["hide", "delete", "edit", "suspend", "lock"]);
const resolves: Partial<Record<DecisionKind, "approved" | "rejected">> = {
  approve: "approved",
  restore: "approved",
  unsuspend: "approved",
  hide: "rejected",
  delete: "rejected",
  edit: "rejected",
  suspend: "rejected",
};
/** Decisions the author is told about, with the reason and a way to appeal. */
const notifiesAuthor: ReadonlySet<DecisionKind> = new Set(["hide", "delete", "edit", "suspend", "lock"]);

async function pendingItem(tx: DbOrTx, target: ModerationTarget) {
  const [item] = await tx
    .select()
    .from(reviewItems)
    .where(and(eq(reviewItems.targetType, target.type), eq(reviewItems.targetId, target.id), eq(reviewItems.status, "pending")))
    .for("update");
  return item ?? null;
}

/** What a moderator may do to a target right now (for showing only the buttons that work). */
export async function availableDecisions(db: Db, actor: Actor, targetType: ReportTarget, targetId: string) {
  const target = await loadTarget(db, targetType, targetId);
  if (!target) return null;
  const [item] = await db
    .select()
    .from(reviewItems)
    .where(and(eq(reviewItems.targetType, target.type), eq(reviewItems.targetId, target.id), eq(reviewItems.status, "pending")));
  const kinds = decisionKinds.filter(
    (kind) =>
      applies(kind, target) &&
      (kind !== "approve" || item !== undefined) &&
      can(actor, permissionFor[kind], {
        ownerId: target.ownerId,
        targetRole: target.ownerRole,
        excludedActorId: item?.excludedModeratorId ?? undefined,
      }),
  );
  return { target, kinds, pendingItemId: item?.id ?? null };
}

/**
 * Carries out one moderation decision: checks the permission against the locked target,
 * changes it, closes its pending case, writes the audit record, tells the author and
 * returns the live events (the route publishes them, and disconnects a suspended user).
 */
export async function decide(db: Db, actor: Actor, input: DecisionInput): Promise<DecisionOutcome> {
  const { decision } = input;
  const kind = decision.kind;
  if (needsReason.has(kind) && !input.reasonCategory) return { ok: false, problem: "reason_required" };
  if (kind === "edit" && !input.reason?.trim()) return { ok: false, problem: "reason_required" };
  return db.transaction(async (tx) => {
    const target = await loadTarget(tx, input.targetType, input.targetId, { forUpdate: true });
    if (!target) return { ok: false, problem: "not_found" } as const;
    const item = await pendingItem(tx, target);
    const allowed = can(actor, permissionFor[kind], {
      ownerId: target.ownerId,
      targetRole: target.ownerRole,
      excludedActorId: item?.excludedModeratorId ?? undefined,
    });
    if (!allowed) return { ok: false, problem: "forbidden" } as const;
    if (!applies(kind, target)) return { ok: false, problem: "not_applicable" } as const;
    if (kind === "approve" && !item) return { ok: false, problem: "nothing_pending" } as const;

    const events: LiveEvent[] = [];
    const details: Record<string, unknown> = { reviewItemId: item?.id ?? null };
    let disconnectUserId: string | null = null;
    switch (decision.kind) {
      case "approve":
      case "restore":
        if (target.hidden) events.push(...(await restoreContent(tx, target)));
        break;
      case "hide":
        events.push(...(await hideContent(tx, target, "moderator")));
        break;
      case "delete":
        events.push(...(await deleteContent(tx, target)));
        break;
      case "edit":
        events.push(...(await editContent(tx, actor.id, target, decision, input.reason!)));
        details.before = { title: target.type === "idea" ? target.title : null, body: target.body };
        break;
      case "lock":
      case "unlock":
      case "pin":
      case "unpin": {
        const on = kind === "lock" || kind === "pin";
        const column = kind === "lock" || kind === "unlock" ? { locked: on } : { pinned: on };
        const [idea] = await tx
          .update(ideas)
          .set(column)
          .where(eq(ideas.id, Number(target.id)))
          .returning();
        const payload = { id: idea.id, locked: idea.locked, pinned: idea.pinned };
        events.push(await recordEvent(tx, `idea:${idea.id}`, "idea.moderated", payload));
        events.push(await recordEvent(tx, `challenge:${idea.challengeId}`, "idea.moderated", payload));
        break;
      }
      case "suspend":
        await tx.update(users).set({ suspendedUntil: decision.until }).where(eq(users.id, target.id));
        details.until = decision.until.toISOString();
        disconnectUserId = target.id;
        break;
      case "unsuspend":
        await tx.update(users).set({ suspendedUntil: null }).where(eq(users.id, target.id));
        break;
    }

    const resolution = resolves[kind];
    if (item && resolution) {
      await tx
        .update(reviewItems)
        .set({ status: resolution, resolvedById: actor.id, resolvedAt: new Date() })
        .where(eq(reviewItems.id, item.id));
      events.push(await recordEvent(tx, "moderation", "review.resolved", { itemId: item.id, status: resolution }));
    }

    const auditId = await recordAudit(tx, {
      actorId: actor.id,
      action: `${target.type}.${kind}`,
      targetType: target.type,
      targetId: target.id,
      reasonCategory: input.reasonCategory ?? null,
      reason: input.reason?.trim() || null,
      details,
    });

    if (notifiesAuthor.has(kind)) {
      events.push(
        ...(await notifyUsers(tx, [target.ownerId], {
          kind: "content.moderated",
          data: {
            auditId,
            action: `${target.type}.${kind}`,
            targetType: target.type,
            targetId: target.id,
            title: target.title,
            reasonCategory: input.reasonCategory ?? null,
            reason: input.reason?.trim() || null,
          },
          link: `/moderering/omprovning/${auditId}`,
        })),
      );
    }
    return { ok: true, auditId, events, disconnectUserId } as const;
  });
}

async function editContent(
  tx: DbOrTx,
  editorId: string,
  target: ModerationTarget,
  edit: { title?: string; body: string },
  reason: string,
): Promise<LiveEvent[]> {
  const editedAt = new Date();
  await tx.insert(revisions).values({
    targetType: target.type as "idea" | "comment",
    targetId: Number(target.id),
    editorId,
    title: target.type === "idea" ? target.title : null,
    body: target.body ?? "",
    reason,
  });
  const post = { type: target.type as "idea" | "comment", id: Number(target.id) };
  const title = target.type === "idea" ? edit.title?.trim() || target.title! : undefined;
  return rewritePost(tx, post, { title, body: edit.body }, { editedAt });
}
