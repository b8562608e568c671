import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { moderationActions, users, type ReportTarget } from "../../../db/schema";
import { loadTarget, targetLink } from "./targets.server";

export const logPageSize = 50;

/** Decisions on content and accounts; other staff actions (roles, lab) are not moderation. */
const moderationDecision = sql`${moderationActions.action} ~ '^(idea|comment|user)\\.(approve|hide|restore|delete|edit|lock|unlock|pin|unpin|suspend|unsuspend)$'`;

export interface LogEntry {
  id: number;
  createdAt: string;
  action: string;
  targetType: string;
  reasonCategory: string | null;
  /** Null when the target is hidden, removed or an account: the page then shows "[dold]". */
  link: string | null;
  /** Only for viewers allowed to see who decided (admins). */
  actorName: string | null;
}

/**
 * The public moderation log: date, decision, reason category and a link to what it was about
 * while that is still visible. The moderator's name is left out unless the viewer may see it.
 */
export async function listPublicLog(
  db: Db,
  options: { seeActor: boolean; before?: number },
): Promise<{ entries: LogEntry[]; nextBefore: number | null }> {
  const conditions = [eq(moderationActions.public, true), moderationDecision];
  if (options.before && Number.isSafeInteger(options.before) && options.before > 0)
    conditions.push(lt(moderationActions.id, options.before));
  const rows = await db
    .select({ action: moderationActions, actorName: users.displayName })
    .from(moderationActions)
    .innerJoin(users, eq(users.id, moderationActions.actorId))
    .where(and(...conditions))
    .orderBy(desc(moderationActions.id))
    .limit(logPageSize + 1);
  const entries: LogEntry[] = [];
  for (const { action, actorName } of rows.slice(0, logPageSize)) {
    const target = action.targetType === "user" ? null : await loadTarget(db, action.targetType as ReportTarget, action.targetId);
    const visible = target && !target.hidden && !target.deleted;
    entries.push({
      id: action.id,
      createdAt: action.createdAt.toISOString(),
      action: action.action,
      targetType: action.targetType,
      reasonCategory: action.reasonCategory,
      link: visible ? targetLink(target) : null,
      actorName: options.seeActor ? actorName : null,
    });
  }
  return { entries, nextBefore: rows.length > logPageSize ? entries[entries.length - 1].id : null };
}
