import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { notifications, users } from "../../../db/schema";

export interface OwedEmail {
  id: number;
  kind: string;
  data: Record<string, unknown>;
  link: string | null;
  to: string;
  displayName: string;
  locale: "sv" | "en";
}

/**
 * Claims owed emails (pending → sending) so that two deliveries running at once never send
 * the same mail twice; the claim is a single conditional update per batch.
 */
export async function claimOwedEmails(db: Db, limit = 50): Promise<OwedEmail[]> {
  // A cheap look through the partial index first: most requests find nothing owed.
  const any = await db.select({ id: notifications.id }).from(notifications).where(eq(notifications.emailStatus, "pending")).limit(1);
  if (any.length === 0) return [];
  return db.transaction(async (tx) => {
    const pending = await tx
      .select({ id: notifications.id })
      .from(notifications)
      .where(eq(notifications.emailStatus, "pending"))
      .orderBy(asc(notifications.id))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (pending.length === 0) return [];
    const ids = pending.map((p) => p.id);
    await tx
      .update(notifications)
      .set({ emailStatus: "sending" })
      .where(and(inArray(notifications.id, ids), eq(notifications.emailStatus, "pending")));
    const rows = await tx
      .select({
        id: notifications.id,
        kind: notifications.kind,
        data: notifications.data,
        link: notifications.link,
        to: users.email,
        displayName: users.displayName,
        locale: users.locale,
      })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .where(inArray(notifications.id, ids))
      .orderBy(asc(notifications.id));
    return rows.map((r) => ({ ...r, data: r.data as Record<string, unknown> }));
  });
}

/** Records the outcome of a delivery; a failed mail goes back to pending for the next round. */
export async function markEmailOutcome(db: Db, id: number, sent: boolean): Promise<void> {
  await db
    .update(notifications)
    .set({ emailStatus: sent ? "sent" : "pending" })
    .where(eq(notifications.id, id));
}
