import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { challenges, comments, ideas, users, type ReportTarget, type Role } from "../../../db/schema";
import { parseRowId } from "../../../db/constants";

/** Parses a target id from a form or URL; null when it cannot name a row. */
export function parseTargetId(type: ReportTarget, raw: string): string | null {
  if (type === "user") return /^[a-z0-9]{1,64}$/.test(raw) ? raw : null;
  const id = parseRowId(raw);
  return id === null ? null : String(id);
}

/** What moderation needs to know about an idea, a comment or a user account. */
export interface ModerationTarget {
  type: ReportTarget;
  id: string;
  ownerId: string;
  ownerRole: Role;
  ownerName: string;
  /** For ideas and comments. */
  ideaId: number | null;
  challengeId: number | null;
  title: string | null;
  body: string | null;
  hidden: boolean;
  hiddenReason: string | null;
  deleted: boolean;
  locked: boolean;
  pinned: boolean;
  /** For users. */
  suspendedUntil: Date | null;
  reportThreshold: number;
}

/** Loads a target, locking its row when forUpdate is set (moderation decisions and reports). */
export async function loadTarget(
  tx: DbOrTx,
  type: ReportTarget,
  rawId: string,
  options: { forUpdate?: boolean } = {},
): Promise<ModerationTarget | null> {
  const id = parseTargetId(type, rawId);
  if (!id) return null;
  if (type === "user") {
    const query = tx.select().from(users).where(eq(users.id, id));
    const [user] = options.forUpdate ? await query.for("update") : await query;
    if (!user) return null;
    return {
      type,
      id,
      ownerId: user.id,
      ownerRole: user.role,
      ownerName: user.displayName,
      ideaId: null,
      challengeId: null,
      title: null,
      body: null,
      hidden: false,
      hiddenReason: null,
      deleted: false,
      locked: false,
      pinned: false,
      suspendedUntil: user.suspendedUntil,
      reportThreshold: 0,
    };
  }
  const ideaId =
    type === "idea"
      ? Number(id)
      : (
          await tx
            .select({ ideaId: comments.ideaId })
            .from(comments)
            .where(eq(comments.id, Number(id)))
        )[0]?.ideaId;
  if (ideaId === undefined) return null;
  // Lock order idea → comment, as the comment domain does.
  const ideaQuery = tx
    .select({ idea: ideas, threshold: challenges.reportThreshold, role: users.role, name: users.displayName })
    .from(ideas)
    .innerJoin(challenges, eq(challenges.id, ideas.challengeId))
    .innerJoin(users, eq(users.id, ideas.authorId))
    .where(eq(ideas.id, ideaId));
  const [ideaRow] = options.forUpdate ? await ideaQuery.for("update", { of: ideas }) : await ideaQuery;
  if (!ideaRow) return null;
  const idea = ideaRow.idea;
  const base = { ideaId: idea.id, challengeId: idea.challengeId, suspendedUntil: null, reportThreshold: ideaRow.threshold };
  if (type === "idea") {
    return {
      ...base,
      type,
      id,
      ownerId: idea.authorId,
      ownerRole: ideaRow.role,
      ownerName: ideaRow.name,
      title: idea.title,
      body: idea.body,
      hidden: idea.hidden,
      hiddenReason: idea.hiddenReason,
      deleted: idea.deletedAt !== null,
      locked: idea.locked,
      pinned: idea.pinned,
    };
  }
  const commentQuery = tx
    .select({ comment: comments, role: users.role, name: users.displayName })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(eq(comments.id, Number(id)));
  const [commentRow] = options.forUpdate ? await commentQuery.for("update", { of: comments }) : await commentQuery;
  if (!commentRow) return null;
  const comment = commentRow.comment;
  return {
    ...base,
    type,
    id,
    ownerId: comment.authorId,
    ownerRole: commentRow.role,
    ownerName: commentRow.name,
    title: idea.title,
    body: comment.body,
    hidden: comment.hidden,
    hiddenReason: comment.hiddenReason,
    deleted: comment.deletedAt !== null,
    locked: idea.locked,
    pinned: false,
  };
}

/** Where a target is seen; null for users (no public profile page is assumed). */
export function targetLink(target: { type: ReportTarget; id: string; ideaId: number | null }): string | null {
  if (target.type === "idea") return `/ideer/${target.id}`;
  if (target.type === "comment") return `/ideer/${target.ideaId}#kommentar-${target.id}`;
  return null;
}
