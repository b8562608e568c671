import type { DbOrTx } from "../../../db/client";
import type { LiveEvent } from "../../realtime/events";
import { followByDefault, notifyUsers } from "./notifications.server";

export interface NewComment {
  ideaId: number;
  ideaTitle: string;
  ideaAuthorId: string;
  /** The author of the comment replied to; null for a top-level comment. */
  parentAuthorId: string | null;
  commentId: number;
  authorId: string;
  authorName: string;
  /** A comment waiting for review tells nobody yet. */
  hidden: boolean;
}

/**
 * Call inside the transaction that created a comment: the commenter follows the idea, and the
 * idea's author and the author of the comment replied to hear of it (never of their own words).
 */
export async function onCommentCreated(tx: DbOrTx, comment: NewComment): Promise<LiveEvent[]> {
  await followByDefault(tx, comment.authorId, "idea", comment.ideaId);
  if (comment.hidden) return [];
  const recipients = [comment.ideaAuthorId, comment.parentAuthorId].filter(
    (id): id is string => id !== null && id !== comment.authorId,
  );
  return notifyUsers(tx, recipients, {
    kind: "comment.reply",
    data: { ideaId: comment.ideaId, ideaTitle: comment.ideaTitle, commentId: comment.commentId, name: comment.authorName },
    link: `/ideer/${comment.ideaId}#kommentar-${comment.commentId}`,
  });
}
