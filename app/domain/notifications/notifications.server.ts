import { and, desc, eq, isNull, sql, inArray, type SQLWrapper } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db, DbOrTx } from "../../../db/client";
import {
  challenges,
  follows,
  ideas,
  labProjects,
  mailOutbox,
  notificationPreferences,
  notifications,
  users,
  type FollowTarget,
} from "../../../db/schema";
import { recordEvent } from "../live/outbox.server";
import type { OutgoingMail } from "../mail/outbox.server";
import type { LiveEvent } from "../../realtime/events";
import { isRowId } from "../../../db/constants";
import { isRemoved } from "../content/rules";

export interface NotificationInput {
  kind: string;
  data: Record<string, unknown>;
  link?: string;
}

/**
 * Notifies users inside the caller's transaction, honouring each user's choice for the kind,
 * and records a live "notification.created" event in each user's private room so the header
 * count updates at once. When the user wants an email, it goes to the mail outbox in the same
 * transaction (email_status "queued"); with in-app turned off but email on, the row is stored
 * already read, as a record of the mail.
 */
export async function notifyUsers(tx: DbOrTx, userIds: string[], input: NotificationInput): Promise<LiveEvent[]> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return [];
  const mail: OutgoingMail["data"] = { kind: input.kind, data: input.data, link: input.link ?? null };
  // One statement: each user's choice for the kind, their notification rows, and their mails.
  const result = await tx.execute(sql`
    with recipients as (
      select ${users.id} as id, ${users.email} as email, ${users.locale} as locale,
             ${users.deletedAt} is null as reachable,
             coalesce(${notificationPreferences.inApp}, true) as in_app,
             coalesce(${notificationPreferences.email}, true) as by_mail
      from ${users}
      left join ${notificationPreferences}
        on ${notificationPreferences.userId} = ${users.id} and ${notificationPreferences.kind} = ${input.kind}
      where ${inArray(users.id, unique)}
    ), notified as (
      insert into ${notifications} (user_id, kind, data, link, read_at, email_status)
      select id, ${input.kind}, ${JSON.stringify(input.data)}::jsonb, ${input.link ?? null},
             case when in_app then null else now() end, case when by_mail then 'queued' end
      from recipients where in_app or by_mail
      returning id, user_id, read_at
    ), mailed as (
      insert into ${mailOutbox} ("to", template, locale, data)
      select email, 'notification', locale, ${JSON.stringify(mail)}::jsonb from recipients where by_mail and reachable
    )
    select id, user_id as "userId", read_at is null as unread from notified order by id`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    id: number;
    userId: string;
    unread: boolean;
  }[];
  const events: LiveEvent[] = [];
  for (const row of rows) {
    if (!row.unread) continue;
    events.push(await recordEvent(tx, `user:${row.userId}`, "notification.created", { id: Number(row.id), kind: input.kind }));
  }
  return events;
}

export async function followersOf(tx: DbOrTx, targetType: FollowTarget, targetIds: number[]): Promise<string[]> {
  if (targetIds.length === 0) return [];
  const rows = await tx
    .select({ userId: follows.userId })
    .from(follows)
    .where(and(eq(follows.targetType, targetType), inArray(follows.targetId, targetIds)));
  return [...new Set(rows.map((r) => r.userId))];
}

/** Following by default (supporting or commenting): inside the caller's transaction, never twice. */
export async function followByDefault(tx: DbOrTx, userId: string, targetType: FollowTarget, targetId: number): Promise<void> {
  await tx.insert(follows).values({ userId, targetType, targetId }).onConflictDoNothing();
}

export async function setFollow(db: Db, userId: string, targetType: FollowTarget, targetId: number, on: boolean): Promise<void> {
  if (on) await db.insert(follows).values({ userId, targetType, targetId }).onConflictDoNothing();
  else
    await db
      .delete(follows)
      .where(and(eq(follows.userId, userId), eq(follows.targetType, targetType), eq(follows.targetId, targetId)));
}

/** Whether `userId` follows the target (an id or a column), as a subquery. */
export function followsTarget(userId: SQLWrapper | string, targetType: FollowTarget, targetId: SQLWrapper | number) {
  return sql<boolean>`exists (select 1 from ${follows} where ${follows.userId} = ${userId} and ${follows.targetType} = ${targetType} and ${follows.targetId} = ${targetId})`;
}

export async function isFollowing(db: Db, userId: string, targetType: FollowTarget, targetId: number): Promise<boolean> {
  const rows = await db
    .select({ userId: follows.userId })
    .from(follows)
    .where(and(eq(follows.userId, userId), eq(follows.targetType, targetType), eq(follows.targetId, targetId)))
    .limit(1);
  return rows.length > 0;
}

/** A user's unread notifications: `userId` is an id or a column (the session's read counts them too). */
function unreadOf(userId: string | AnyPgColumn) {
  return and(eq(notifications.userId, userId), isNull(notifications.readAt));
}

/** The number of unread notifications of `userId` (an id or a column), as a subquery. */
export function unreadCount(userId: string | AnyPgColumn) {
  return sql<number>`(select count(*)::int from ${notifications} where ${unreadOf(userId)})`;
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(unreadOf(userId));
  return row?.n ?? 0;
}

/**
 * The user's latest notifications. A notification keeps the idea's title from when it was made, but
 * shows the idea's title as it is now: an edit or a redaction reaches the list, and an idea that was
 * deleted or hidden since shows no title at all (`ideaTitle: null`).
 */
export async function listNotifications(db: Db, userId: string, limit = 50) {
  const ideaId = sql`case when ${notifications.data}->>'ideaId' ~ '^[0-9]{1,10}$' then (${notifications.data}->>'ideaId')::bigint end`;
  const rows = await db
    .select({ notification: notifications, title: ideas.title, deletedAt: ideas.deletedAt, hidden: ideas.hidden })
    .from(notifications)
    .leftJoin(ideas, sql`${ideas.id} = ${ideaId}`)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
  return rows.map(({ notification, title, deletedAt, hidden }) => {
    const data = notification.data as Record<string, unknown> | null;
    if (title === null || !data || !("ideaTitle" in data)) return notification;
    const current = isRemoved({ deletedAt, hidden: hidden ?? false }) ? null : title;
    return { ...notification, data: { ...data, ideaTitle: current } };
  });
}

/** Marks one of the user's own notifications read; another user's id changes nothing. */
export async function markRead(db: Db, userId: string, notificationId: number): Promise<boolean> {
  if (!isRowId(notificationId)) return false;
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.id, notificationId), eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length > 0;
}

export async function markAllRead(db: Db, userId: string): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}

/** Whether a follow target exists and is public (hidden or deleted ideas cannot be followed). */
export async function followTargetExists(db: Db, targetType: FollowTarget, targetId: number): Promise<boolean> {
  if (!isRowId(targetId)) return false;
  const rows =
    targetType === "idea"
      ? await db
          .select({ id: ideas.id })
          .from(ideas)
          .where(and(eq(ideas.id, targetId), eq(ideas.hidden, false), isNull(ideas.deletedAt)))
      : targetType === "challenge"
        ? await db.select({ id: challenges.id }).from(challenges).where(eq(challenges.id, targetId))
        : await db.select({ id: labProjects.id }).from(labProjects).where(eq(labProjects.id, targetId));
  return rows.length > 0;
}

/** The header's unread count, with the live cursor read first so no later notification is missed. */
