import { and, desc, eq, isNull, sql, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { notifications, follows, type FollowTarget } from "../../../db/schema";
import { recordEvent } from "../live/outbox.server";
import type { LiveEvent } from "../../realtime/events";

export interface NotificationInput {
  kind: string;
  data: Record<string, unknown>;
  link?: string;
}

/**
 * Notifies users inside the caller's transaction and records a live "notification.created"
 * event in each user's private room, so the header count updates at once.
 */
export async function notifyUsers(tx: DbOrTx, userIds: string[], input: NotificationInput): Promise<LiveEvent[]> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return [];
  const rows = await tx
    .insert(notifications)
    .values(unique.map((userId) => ({ userId, kind: input.kind, data: input.data, link: input.link ?? null })))
    .returning({ id: notifications.id, userId: notifications.userId });
  const events: LiveEvent[] = [];
  for (const row of rows) {
    events.push(await recordEvent(tx, `user:${row.userId}`, "notification.created", { id: row.id, kind: input.kind }));
  }
  return events;
}

export async function followersOf(tx: DbOrTx, targetType: FollowTarget, targetIds: number[]): Promise<string[]> {
  if (targetIds.length === 0) return [];
  const rows = await tx
    .select({ userId: follows.userId })
    .from(follows)
    .where(and(eq(follows.targetType, targetType), inArray(follows.targetId, targetIds)));
  return rows.map((r) => r.userId);
}

export async function setFollow(db: Db, userId: string, targetType: FollowTarget, targetId: number, on: boolean): Promise<void> {
  if (on) await db.insert(follows).values({ userId, targetType, targetId }).onConflictDoNothing();
  else
    await db
      .delete(follows)
      .where(and(eq(follows.userId, userId), eq(follows.targetType, targetType), eq(follows.targetId, targetId)));
}

export async function isFollowing(db: Db, userId: string, targetType: FollowTarget, targetId: number): Promise<boolean> {
  const rows = await db
    .select({ userId: follows.userId })
    .from(follows)
    .where(and(eq(follows.userId, userId), eq(follows.targetType, targetType), eq(follows.targetId, targetId)))
    .limit(1);
  return rows.length > 0;
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export function listNotifications(db: Db, userId: string, limit = 50) {
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
}

export async function markAllRead(db: Db, userId: string): Promise<void> {
  await db.update(notifications).set({ readAt: new Date() }).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}
