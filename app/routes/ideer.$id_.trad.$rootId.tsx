import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { commentsForPage } from "../http/page-comments.server";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getUser } from "../auth/session.server";
import { getIdea } from "../domain/ideas/ideas.server";
import { getThread, threadPageFor } from "../domain/comments/threads.server";
import { getViewerVotes } from "../domain/votes/votes.server";
import { badRequest, notFound, parseId, retryAfterHeaders } from "../http/responses.server";
import {
  backCursor,
  commentViewer,
  ideaPageLocation,
  postComment,
  threadPath,
  voteOnComment,
} from "../http/comment-actions.server";
import { getLocale } from "../ui/i18n/locale.server";
import { translate } from "../ui/i18n";
import { CommentList } from "../ui/forum/Comments";
import { translateMessage } from "../ui/forms";
import { pageTitle } from "../ui/meta";
import { isRemoved } from "../domain/content/rules";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data ? { text: data.title } : { key: "error.notFoundTitle" });

export const headers: HeadersFunction = retryAfterHeaders;

/**
 * One thread of an idea's comments with all its replies, a page at a time, in the order they were
 * written. The idea page shows only the first replies of each thread and links here for the rest.
 * Replies and votes are given here as on the idea page, and the writer comes back to this page.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const db = context.database.db;
  const id = parseId(params.id);
  const rootId = parseId(params.rootId);
  // A cursor that is not a number, or not a reply of this thread, is ignored: the thread starts over.
  const after = parseId(new URL(request.url).searchParams.get("efter"));
  const [user, idea, thread] = await Promise.all([
    getUser(request, context),
    id ? getIdea(db, id) : null,
    id && rootId ? getThread(db, id, rootId, { after }) : null,
  ]);
  // The same rule as the idea page: a removed idea keeps its page and its comments, without its text.
  if (!idea) throw notFound(request, "forum.ideaNotFound");
  if (!thread) throw notFound(request, "forum.commentNotFound");
  const removed = isRemoved(idea);
  const ideaTitle = removed ? null : idea.title;
  const locale = getLocale(request);
  const comments = [thread.root, ...thread.replies];
  const votes = user
    ? await getViewerVotes(
        db,
        user.id,
        comments.map((c) => c.id),
      )
    : {};
  return {
    now: Date.now(),
    title: translate(locale, "comment.threadTitle", { title: ideaTitle ?? translate(locale, "idea.deletedTitle") }),
    idea: { id: idea.id, title: ideaTitle, locked: idea.locked, removed },
    viewer: user ? commentViewer(user, idea) : null,
    // Each text once: a document carries the comments' HTML in its markup, not again in its data.
    comments: commentsForPage(context, comments),
    votes,
    rootId: thread.root.id,
    nextCursor: thread.nextCursor,
    continued: thread.continued,
  };
}

/**
 * Replies and votes from this page. The rules are the idea page's (http/comment-actions.server);
 * only the way back differs: to this thread, on the page the writer was on when the new reply is
 * there, else on the page that starts with it. The address is built from this route's ids and a
 * numeric cursor only, never from a posted URL.
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const ideaId = parseId(params.id);
  if (!ideaId) throw notFound(request, "forum.ideaNotFound");
  const rootId = parseId(params.rootId);
  if (!rootId) throw notFound(request, "forum.commentNotFound");
  const formData = await request.formData();
  const intent = formData.get("intent");
  const db = context.database.db;
  const after = backCursor(formData);

  if (intent === "vote") {
    return voteOnComment({ request, context, formData }, (commentId) => threadPath(ideaId, rootId, after, commentId));
  }
  if (intent === "comment") {
    return postComment({ request, context, formData }, ideaId, async (comment) => {
      const page = comment.isReply ? await threadPageFor(db, comment.id, rootId, after) : null;
      // Not a reply in this thread (a crafted form): it is where the idea page would send its writer.
      return page ? threadPath(ideaId, rootId, page.after, comment.id) : ideaPageLocation(db, ideaId, comment, null);
    });
  }

  throw badRequest(request, "forum.unknownIntent");
}

export default function ThreadPage() {
  const { t } = useTranslation();
  const { title, idea, viewer, comments, votes, rootId, nextCursor, continued, now } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const after = searchParams.get("efter");
  const pageQuery = after ? `efter=${after}` : "";
  const replyingTo = Number(searchParams.get("svara")) || null;
  const ideaPath = `/ideer/${idea.id}`;
  const here = `${ideaPath}/trad/${rootId}${pageQuery ? `?${pageQuery}` : ""}`;
  // Errors for a form that is not on the page (a reply form that closed, a vote button).
  const strayErrors =
    actionData && actionData.formId !== `reply-${replyingTo}`
      ? "notice" in actionData
        ? [actionData.notice]
        : Object.values(actionData.result?.error ?? {}).flatMap((e) => e ?? [])
      : [];
  return (
    <div className="stack">
      <h1>{title}</h1>
      <p>
        <Link to={`${ideaPath}#kommentar-${rootId}`}>{t("comment.backToIdea")}</Link>
        {continued ? (
          <>
            {" · "}
            <Link to={`${ideaPath}/trad/${rootId}`}>{t("comment.threadStart")}</Link>
          </>
        ) : null}
      </p>
      <section aria-labelledby="thread-heading" className="comments-section">
        <h2 id="thread-heading">{t("comment.threadHeading")}</h2>
        {strayErrors.length ? (
          <p className="form-error" role="alert">
            {strayErrors.map((e) => translateMessage(t, e)).join(" ")}
          </p>
        ) : null}
        <CommentList
          comments={comments}
          viewer={viewer}
          votes={votes}
          now={now}
          replyingTo={replyingTo}
          replyResult={actionData?.formId === `reply-${replyingTo}` ? actionData.result : undefined}
          pageQuery={pageQuery}
        />
        {nextCursor ? (
          <p>
            <Link to={`?efter=${nextCursor}`}>{t("comment.moreReplies")}</Link>
          </p>
        ) : null}
        {!viewer ? (
          <p>
            <Link to={`/logga-in?redirectTo=${encodeURIComponent(here)}`}>{t("comment.signIn")}</Link>
          </p>
        ) : idea.locked ? (
          <p className="notice">{t("comment.locked")}</p>
        ) : idea.removed ? (
          <p className="notice">{t("comment.ideaDeleted")}</p>
        ) : null}
      </section>
    </div>
  );
}
