import { and, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { reports, reviewItems, type ReportReason, type ReportTarget, type ReviewOrigin } from "../../../db/schema";
import type { LiveEvent } from "../../realtime/events";
import { recordEvent } from "../live/outbox.server";
import { notifyUsers } from "../notifications/notifications.server";
import { loadTarget, type ModerationTarget } from "./targets.server";
import { hideContent } from "./visibility.server";

export type ReportProblem = "not_found" | "own_content" | "already_reported";

export interface ReportInput {
  reporterId: string;
  targetType: ReportTarget;
  targetId: string;
  reason: ReportReason;
  note?: string | null;
}

export type ReportOutcome =
  | { ok: true; reportId: number; reviewItemId: number; hidden: boolean; events: LiveEvent[] }
  | { ok: false; problem: ReportProblem };

/** The pending case for a target, opened if there is none. */
export async function openReviewItem(
  tx: DbOrTx,
  target: Pick<ModerationTarget, "type" | "id">,
  origin: ReviewOrigin,
): Promise<{ id: number; created: boolean }> {
  const [created] = await tx
    .insert(reviewItems)
    .values({ targetType: target.type, targetId: target.id, origin })
    .onConflictDoNothing()
    .returning({ id: reviewItems.id });
  if (created) return { id: created.id, created: true };
  const [existing] = await tx
    .select({ id: reviewItems.id })
    .from(reviewItems)
    .where(and(eq(reviewItems.targetType, target.type), eq(reviewItems.targetId, target.id), eq(reviewItems.status, "pending")));
  return { id: existing.id, created: false };
}

/**
 * Files a resident's report. Every report lands in the moderators' queue; once enough
 * different users have reported an idea or comment (the challenge's report threshold), it is
 * hidden until a moderator has looked at it.
 */
export async function reportContent(db: Db, input: ReportInput): Promise<ReportOutcome> {
  return db
    .transaction(async (tx) => {
      const target = await loadTarget(tx, input.targetType, input.targetId, { forUpdate: true });
      if (!target || target.deleted) return { ok: false, problem: "not_found" } as const;
      if (target.ownerId === input.reporterId) return { ok: false, problem: "own_content" } as const;
      const item = await openReviewItem(tx, target, "reports");
      const [report] = await tx
        .insert(reports)
        .values({
          targetType: target.type,
          targetId: target.id,
          reporterId: input.reporterId,
          reason: input.reason,
          note: input.note?.trim() || null,
          reviewItemId: item.id,
        })
        .onConflictDoNothing()
        .returning({ id: reports.id });
      if (!report) {
        // The transaction rolls back the item it may just have opened.
        throw new AlreadyReported();
      }
      const [{ n }] = await tx
        .select({ n: sql<number>`count(distinct ${reports.reporterId})::int` })
        .from(reports)
        .where(eq(reports.reviewItemId, item.id));
      const events: LiveEvent[] = [];
      let hidden = false;
      if (target.type !== "user" && !target.hidden && n >= target.reportThreshold) {
        events.push(...(await hideContent(tx, target, "pending_review")));
        hidden = true;
      }
      events.push(
        await recordEvent(tx, "moderation", item.created ? "review.created" : "review.updated", {
          itemId: item.id,
          targetType: target.type,
          reportCount: n,
        }),
      );
      events.push(
        ...(await notifyUsers(tx, [input.reporterId], {
          kind: "report.received",
          data: { targetType: target.type, targetId: target.id, title: target.title, reason: input.reason },
          link: target.type === "user" ? undefined : target.type === "idea" ? `/ideer/${target.id}` : `/ideer/${target.ideaId}`,
        })),
      );
      return { ok: true, reportId: report.id, reviewItemId: item.id, hidden, events } as const;
    })
    .catch((error: unknown) => {
      if (error instanceof AlreadyReported) return { ok: false, problem: "already_reported" } as const;
      throw error;
    });
}

class AlreadyReported extends Error {}

/** Whether the user has already reported the target (the form then says so instead of asking again). */
export async function hasReported(db: Db, reporterId: string, targetType: ReportTarget, targetId: string): Promise<boolean> {
  const rows = await db
    .select({ id: reports.id })
    .from(reports)
    .where(and(eq(reports.reporterId, reporterId), eq(reports.targetType, targetType), eq(reports.targetId, targetId)))
    .limit(1);
  return rows.length > 0;
}
