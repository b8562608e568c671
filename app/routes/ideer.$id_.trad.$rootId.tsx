import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getUser } from "../auth/session.server";
import { getIdea } from "../domain/ideas/ideas.server";
import { getThread } from "../domain/comments/comments.server";
import { notFound, parseId } from "../utils/forum-http.server";
import { getLocale } from "../ui/i18n/locale.server";
import { translate } from "../ui/i18n";
import { CommentList } from "../ui/forum/Comments";
import { pageTitle } from "../ui/meta";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data ? { text: data.title } : { key: "error.notFoundTitle" });

/**
 * One thread of an idea's comments with all its replies, a page at a time, in the order they were
 * written. The idea page shows only the first replies of each thread and links here for the rest.
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
  const removed = idea.deletedAt !== null || idea.hidden;
  const ideaTitle = removed ? null : idea.title;
  const locale = getLocale(request);
  return {
    now: Date.now(),
    title: translate(locale, "comment.threadTitle", { title: ideaTitle ?? translate(locale, "idea.deletedTitle") }),
    idea: { id: idea.id, title: ideaTitle },
    // No forms here: replies and votes are given on the idea page. The author still gets the edit link.
    viewer: user ? { id: user.id, canComment: false, canVote: false } : null,
    comments: [thread.root, ...thread.replies],
    rootId: thread.root.id,
    nextCursor: thread.nextCursor,
    continued: thread.continued,
  };
}

export default function ThreadPage() {
  const { t } = useTranslation();
  const { title, idea, viewer, comments, rootId, nextCursor, continued, now } = useLoaderData<typeof loader>();
  const ideaPath = `/ideer/${idea.id}`;
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
        <CommentList comments={comments} viewer={viewer} votes={{}} now={now} replyingTo={null} pageQuery="" />
        {nextCursor ? (
          <p>
            <Link to={`?efter=${nextCursor}`}>{t("comment.moreReplies")}</Link>
          </p>
        ) : null}
      </section>
    </div>
  );
}
