import type { AppLoadContext } from "@remix-run/node";
import { commentHtmlKey } from "../ui/DocumentHtml";
import type { CommentRow } from "../ui/forum/Comments";
import type { CommentItem } from "../domain/comments/threads.server";

/** A comment as the domain reads it for a page (app/domain/comments/threads.server.ts), as far as the page shows it. */
type ReadComment = Pick<
  CommentItem,
  "id" | "rootId" | "author" | "bodyHtml" | "state" | "hiddenPending" | "score" | "createdAt" | "editedAt" | "replyTo"
> & { indent: number };

/**
 * The comments as a page's loader data carries them: only what the page shows (no idea id, parent
 * or depth; no false or empty fields), and in a document request without their rendered HTML, which
 * stays in the load context for the page's markup (app/ui/DocumentHtml.tsx), so the page carries
 * each text once. A data request (`.data`, or a context without documentHtml) keeps the HTML.
 */
export function commentsForPage(context: AppLoadContext, comments: ReadComment[]): CommentRow[] {
  const documentHtml = context.documentHtml;
  return comments.map((c) => {
    const row: CommentRow = {
      id: c.id,
      indent: c.indent,
      author: c.author,
      bodyHtml: c.bodyHtml,
      state: c.state,
      score: c.score,
      createdAt: c.createdAt,
    };
    if (c.rootId !== null) row.rootId = c.rootId;
    if (c.hiddenPending) row.hiddenPending = true;
    if (c.editedAt) row.editedAt = c.editedAt;
    if (c.replyTo) row.replyTo = c.replyTo;
    if (documentHtml && c.bodyHtml !== null) {
      documentHtml.set(commentHtmlKey(c.id), c.bodyHtml);
      row.bodyHtml = undefined;
    }
    return row;
  });
}
