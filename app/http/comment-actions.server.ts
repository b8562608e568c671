import { data, redirect, type AppLoadContext } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import type { Db } from "../../db/client";
import { can } from "../auth/permissions";
import { requirePermission, type SessionUser } from "../auth/session.server";
import type { Limited } from "../auth/rate-limit.server";
import { commentSchema } from "../domain/ideas/schemas";
import { createComment } from "../domain/comments/comments.server";
import { threadPageOf } from "../domain/comments/threads.server";
import { voteComment } from "../domain/votes/votes.server";
import type { CommentViewer } from "../domain/comments/viewer";
import { isRemoved } from "../domain/content/rules";
import { badRequest, parseId, rateLimitHeaders, rateLimitMessage } from "./responses.server";
import { commit } from "./commit.server";
import { problemErrors, problemResponse, problems } from "./problems";

/**
 * The comment writes that the idea page and the thread page both take: a comment or a reply, and a
 * vote on a comment. Who may write, the per-user limits and the messages are decided here, once;
 * each page only says where the writer goes back to, and builds that address from numbers alone.
 */

/** What a signed-in reader may do with an idea's comments: the forms a page shows (the actions check again). */
export function commentViewer(
  user: SessionUser,
  idea: { deletedAt: Date | null; hidden: boolean; locked: boolean },
): CommentViewer {
  const removed = isRemoved(idea);
  return {
    id: user.id,
    canComment: !removed && !idea.locked && can(user, "comment.create"),
    canVote: can(user, "comment.vote"),
  };
}

/** The comment page a form was sent from (its `back` field, "efter=<id>"), or null for the first page. */
export function backCursor(formData: FormData): number | null {
  return parseId(String(formData.get("back") ?? "").replace(/^efter=/, ""));
}

export function threadPath(ideaId: number, rootId: number, after: number | null, commentId?: number): string {
  return `/ideer/${ideaId}/trad/${rootId}${after ? `?efter=${after}` : ""}${commentId ? `#kommentar-${commentId}` : ""}`;
}

/**
 * Where a new comment is seen, for a writer on the idea page's comment page `after`: that page, or
 * the thread page for a reply past the replies the idea page shows of its thread.
 */
export async function ideaPageLocation(
  db: Db,
  ideaId: number,
  comment: { id: number; isReply: boolean },
  after: number | null,
): Promise<string> {
  const threadPage = comment.isReply ? await threadPageOf(db, comment.id) : null;
  if (threadPage) return threadPath(ideaId, threadPage.rootId, threadPage.after, comment.id);
  return `/ideer/${ideaId}${after ? `?efter=${after}` : ""}#kommentar-${comment.id}`;
}

/** Supports and votes have no form to hold the message, so the page shows it above the comments. */
export function rateLimitedNotice(limited: Limited) {
  return data(
    { formId: "notice", result: null, notice: rateLimitMessage(limited) },
    { status: 429, headers: rateLimitHeaders(limited) },
  );
}

interface Write {
  request: Request;
  context: AppLoadContext;
  formData: FormData;
}

/** A vote button's value: "comment id:value", value -1, 0 (take the vote back) or 1. */
function parseVote(raw: FormDataEntryValue | null): { commentId: number; value: -1 | 0 | 1 } | null {
  const match = /^(\d{1,10}):(-1|0|1)$/.exec(typeof raw === "string" ? raw : "");
  const commentId = match ? parseId(match[1]) : null;
  return match && commentId ? { commentId, value: Number(match[2]) as -1 | 0 | 1 } : null;
}

/**
 * intent=vote: sets, changes or takes back the reader's vote on a comment (the pressed button's
 * `vote` value, "id:value"), then redirects to `back(commentId)`. A vote that is not allowed is a
 * 4xx page; too many votes, a notice on the page.
 */
export async function voteOnComment({ request, context, formData }: Write, back: (commentId: number) => string) {
  const user = await requirePermission(request, context, "comment.vote");
  const vote = parseVote(formData.get("vote"));
  if (!vote) throw badRequest(request, "forum.unknownIntent");
  const { commentId, value } = vote;
  const limited = await context.rateLimits.consumeUserAction(user.id, "vote");
  if (limited) return rateLimitedNotice(limited);
  const outcome = await voteComment(context.database.db, { commentId, userId: user.id, value });
  if (!outcome.ok) throw problemResponse(request, problems.commentVote[outcome.problem]);
  commit(context, outcome.events);
  throw redirect(back(commentId));
}

/**
 * intent=comment: a new comment on the idea, or a reply (parentId). A refusal comes back to the form
 * named by `formId`, with what was written; after the write, redirects to where `placed` says the
 * comment is seen.
 */
export async function postComment(
  { request, context, formData }: Write,
  ideaId: number,
  placed: (comment: { id: number; isReply: boolean }) => Promise<string>,
) {
  const user = await requirePermission(request, context, "comment.create");
  const formId = String(formData.get("formId") ?? "comment-new");
  const submission = parseWithZod(formData, { schema: commentSchema });
  if (submission.status !== "success") return data({ formId, result: submission.reply() }, { status: 400 });
  const limited = await context.rateLimits.consumeUserAction(user.id, "comment");
  if (limited) {
    return data(
      { formId, result: submission.reply({ formErrors: [rateLimitMessage(limited)] }) },
      { status: 429, headers: rateLimitHeaders(limited) },
    );
  }
  const outcome = await createComment(context.database.db, { ideaId, authorId: user.id, ...submission.value });
  if (!outcome.ok) {
    const answer = problems.comment[outcome.problem];
    if (answer.status === 404) throw problemResponse(request, answer);
    return data({ formId, result: submission.reply(problemErrors(answer)) }, { status: answer.status });
  }
  commit(context, outcome.events);
  throw redirect(await placed({ id: outcome.commentId, isReply: submission.value.parentId !== undefined }));
}
