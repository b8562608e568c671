import { and, asc, eq, inArray, or } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { comments, ideas, revisions, users } from "../../../db/schema";
import { can, type Actor } from "../../auth/permissions";

/**
 * Who may read which earlier version of an idea or comment.
 *
 * A revision row is the text as it was before an edit. The author's own edits are public history.
 * An edit by a moderator ("edit with a reason") usually removes something that must not stay
 * public — a phone number, an insult — so the version it replaced, and every version before it,
 * is withheld from everyone but staff (the audit record keeps the original as well). Readers see
 * that such a version existed and that a moderator withheld it, without its text or editor.
 */
export interface HistoryVersion {
  id: number;
  at: Date;
  /** True when this version's text is withheld from the reader. */
  withheld: boolean;
  /** True when a moderator's edit replaced this version. */
  byModerator: boolean;
  title: string | null;
  body: string | null;
  /** Who made the edit that replaced this version; null when the reader may not know. */
  editor: { id: string; displayName: string } | null;
  /** The moderator's reason, for staff. */
  reason: string | null;
}

interface RevisionRow {
  id: number;
  targetType: "idea" | "comment";
  targetId: number;
  editorId: string;
  title: string | null;
  body: string;
  reason: string | null;
}

/** Whether the revision's replacing edit was a moderator's: anyone but the author editing, or an edit with a reason. */
function isModeratorEdit(row: Pick<RevisionRow, "editorId" | "reason">, authorId: string): boolean {
  return row.reason !== null || row.editorId !== authorId;
}

/** Staff read every version; everyone else only those after the last moderator edit. */
export function readsWithheldHistory(viewer: Actor | null | undefined): boolean {
  return can(viewer, "moderation.queue");
}

/** The highest revision id at or below which a target's history is withheld from the public (0: none). */
function withheldUpTo(rows: Pick<RevisionRow, "id" | "editorId" | "reason">[], authorId: string): number {
  let upTo = 0;
  for (const r of rows) if (isModeratorEdit(r, authorId) && r.id > upTo) upTo = r.id;
  return upTo;
}

/** A post's earlier versions as this viewer may see them, newest first. */
export async function historyFor(
  db: DbOrTx,
  viewer: Actor | null | undefined,
  target: { type: "idea" | "comment"; id: number; authorId: string },
): Promise<HistoryVersion[]> {
  const rows = await db
    .select({
      id: revisions.id,
      editorId: revisions.editorId,
      title: revisions.title,
      body: revisions.body,
      reason: revisions.reason,
      createdAt: revisions.createdAt,
      editorName: users.displayName,
    })
    .from(revisions)
    .innerJoin(users, eq(users.id, revisions.editorId))
    .where(and(eq(revisions.targetType, target.type), eq(revisions.targetId, target.id)))
    .orderBy(asc(revisions.id));
  const staff = readsWithheldHistory(viewer);
  const seesActor = can(viewer, "moderation.seeActor");
  const upTo = withheldUpTo(rows, target.authorId);
  return rows
    .map((r): HistoryVersion => {
      const byModerator = isModeratorEdit(r, target.authorId);
      const withheld = !staff && r.id <= upTo;
      const editorKnown = !withheld && (!byModerator || seesActor);
      return {
        id: r.id,
        at: r.createdAt,
        withheld,
        byModerator,
        title: withheld ? null : r.title,
        body: withheld ? null : r.body,
        editor: editorKnown ? { id: r.editorId, displayName: r.editorName } : null,
        reason: staff && byModerator ? r.reason : null,
      };
    })
    .reverse();
}

/**
 * Of the given revisions (e.g. everything one person edited, for their data export), those the
 * public may read: versions at or before a moderator's edit of the same post are left out.
 */
export async function publicRevisions<R extends RevisionRow>(db: DbOrTx, rows: R[]): Promise<R[]> {
  if (rows.length === 0) return rows;
  const ideaIds = [...new Set(rows.filter((r) => r.targetType === "idea").map((r) => r.targetId))];
  const commentIds = [...new Set(rows.filter((r) => r.targetType === "comment").map((r) => r.targetId))];
  const authors = new Map<string, string>();
  if (ideaIds.length) {
    for (const i of await db.select({ id: ideas.id, authorId: ideas.authorId }).from(ideas).where(inArray(ideas.id, ideaIds)))
      authors.set(`idea:${i.id}`, i.authorId);
  }
  if (commentIds.length) {
    for (const c of await db
      .select({ id: comments.id, authorId: comments.authorId })
      .from(comments)
      .where(inArray(comments.id, commentIds)))
      authors.set(`comment:${c.id}`, c.authorId);
  }
  const conditions = [
    ideaIds.length ? and(eq(revisions.targetType, "idea"), inArray(revisions.targetId, ideaIds)) : undefined,
    commentIds.length ? and(eq(revisions.targetType, "comment"), inArray(revisions.targetId, commentIds)) : undefined,
  ].filter((c) => c !== undefined);
  const all = await db
    .select({
      id: revisions.id,
      targetType: revisions.targetType,
      targetId: revisions.targetId,
      editorId: revisions.editorId,
      reason: revisions.reason,
    })
    .from(revisions)
    .where(or(...conditions));
  const limits = new Map<string, number>();
  for (const r of all) {
    const key = `${r.targetType}:${r.targetId}`;
    const authorId = authors.get(key);
    if (authorId !== undefined && isModeratorEdit(r, authorId)) limits.set(key, Math.max(limits.get(key) ?? 0, r.id));
  }
  return rows.filter((r) => r.id > (limits.get(`${r.targetType}:${r.targetId}`) ?? 0));
}
