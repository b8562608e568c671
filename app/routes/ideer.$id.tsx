import {
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "../auth/permissions";
import { getUserAndLiveCursor, requirePermission } from "../auth/session.server";
import { getIdeaPage } from "../domain/ideas/page.server";
import { listCommentThreads } from "../domain/comments/threads.server";
import { setSupport } from "../domain/votes/votes.server";
import { renderMarkdown } from "../domain/content/markdown.server";
import { badRequest, notFound, parseId, retryAfterHeaders } from "../http/responses.server";
import {
  backCursor,
  commentViewer,
  ideaPageLocation,
  postComment,
  rateLimitedNotice,
  voteOnComment,
} from "../http/comment-actions.server";
import { AuthorLink, IdeaStatusBadge, RenderedMarkdown } from "../ui/forum/IdeaBits";
import { RelativeTime } from "../ui/forum/RelativeTime";
import { CommentForm, CommentList } from "../ui/forum/Comments";
import { useRootData } from "../ui/root-data";
import { translateMessage } from "../ui/forms";
import { pageTitle } from "../ui/meta";
import { ModerateLink, RedactLink, ReportButton } from "../ui/moderation/ReportButton";
import { useLiveRevalidation, useLiveValue } from "../realtime/hooks";
import { NewItemsButton, useHeldBack } from "../realtime/NewItems";
import { useLive } from "../realtime/LiveProvider";
import { IdeaLabPanel } from "../ui/lab/IdeaLabPanel";
import { isActiveIdea, isRemoved } from "../domain/content/rules";
import { commit } from "../http/commit.server";
import { commentsForPage } from "../http/page-comments.server";
import { problemResponse, problems } from "../http/problems";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data?.idea.title ? { text: data.idea.title } : { key: data ? "idea.deletedTitle" : "error.notFoundTitle" });

export const headers: HeadersFunction = retryAfterHeaders;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const id = parseId(params.id);
  if (!id) throw notFound(request, "forum.ideaNotFound");
  // Read before the data: events after this cursor are replayed live, so none is lost in between.
  const { user, liveCursor } = await getUserAndLiveCursor(request, context, `idea:${id}`);
  const after = parseId(new URL(request.url).searchParams.get("efter")) ?? undefined;
  const viewerId = user?.id ?? null;
  // The idea and its comments go out together: on PostgreSQL each is a round trip the page would wait for.
  const [idea, { comments, votes, nextCursor, threadsWithMoreReplies }] = await Promise.all([
    getIdeaPage(context.database.db, id, viewerId),
    listCommentThreads(context.database.db, id, after, { viewerId }),
  ]);
  if (!idea) throw notFound(request, "forum.ideaNotFound");
  const removed = isRemoved(idea);
  const lab = removed ? null : idea.lab;
  const following = user ? idea.followedByViewer : null;
  return {
    now: Date.now(),
    idea: {
      id: idea.id,
      title: removed ? null : idea.title,
      bodyHtml: removed ? null : renderMarkdown(idea.body),
      state: idea.deletedAt ? "deleted" : idea.hidden ? "hidden" : "visible",
      hiddenPending: idea.hidden && idea.hiddenReason === "pending_review",
      status: idea.status,
      supportCount: idea.supportCount,
      commentCount: idea.commentCount,
      locked: idea.locked,
      createdAt: idea.createdAt.toISOString(),
      editedAt: idea.editedAt?.toISOString() ?? null,
      author: idea.author,
      challenge: idea.challenge,
      supportedByViewer: idea.supportedByViewer,
    },
    viewer: user
      ? {
          ...commentViewer(user, idea),
          isAuthor: user.id === idea.author.id,
          canEdit: !removed && can(user, "idea.edit", { ownerId: idea.author.id }),
          canSupport: can(user, "idea.support"),
          // Lab staff review an idea from its page too, before the threshold as well (the form says so).
          canReview: !removed && isActiveIdea(idea.status) && can(user, "lab.queue"),
        }
      : null,
    // Each text once: a document carries the comments' HTML in its markup, not again in its data.
    comments: commentsForPage(context, comments),
    votes,
    nextCursor,
    threadsWithMoreReplies,
    liveCursor,
    lab,
    following,
  };
}

/** Where to send the reader back to: the same comment page, optionally at an anchor. */
function backTo(ideaId: number, formData: FormData, anchor?: string) {
  const after = backCursor(formData);
  return `/ideer/${ideaId}${after ? `?efter=${after}` : ""}${anchor ? `#${anchor}` : ""}`;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const ideaId = parseId(params.id);
  if (!ideaId) throw notFound(request, "forum.ideaNotFound");
  const formData = await request.formData();
  const intent = formData.get("intent");
  const db = context.database.db;

  if (intent === "support") {
    const user = await requirePermission(request, context, "idea.support");
    const limited = await context.rateLimits.consumeUserAction(user.id, "vote");
    if (limited) return rateLimitedNotice(limited);
    const outcome = await setSupport(db, { ideaId, userId: user.id, supported: formData.get("value") !== "off" });
    if (!outcome.ok) throw problemResponse(request, problems.support[outcome.problem]);
    commit(context, outcome.events);
    throw redirect(backTo(ideaId, formData, "stod"));
  }

  // Comments and votes: the rules are shared with the thread page, which sends its writers back there.
  if (intent === "vote") {
    return voteOnComment({ request, context, formData }, (commentId) => backTo(ideaId, formData, `kommentar-${commentId}`));
  }
  if (intent === "comment") {
    return postComment({ request, context, formData }, ideaId, (comment) =>
      ideaPageLocation(db, ideaId, comment, backCursor(formData)),
    );
  }

  throw badRequest(request, "forum.unknownIntent");
}

export default function IdeaPage() {
  const { t } = useTranslation();
  const { idea, viewer, comments, votes, nextCursor, threadsWithMoreReplies, now, liveCursor, lab, following } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { user } = useRootData();
  const after = searchParams.get("efter");
  const pageQuery = after ? `efter=${after}` : "";
  const replyingTo = Number(searchParams.get("svara")) || null;
  const visible = idea.state === "visible";
  // Errors for a form that is not on the page (a reply form that closed, a support or vote button).
  const shownFormIds = ["comment-new", `reply-${replyingTo}`];
  const strayErrors =
    actionData && !shownFormIds.includes(actionData.formId)
      ? "notice" in actionData
        ? [actionData.notice]
        : Object.values(actionData.result?.error ?? {}).flatMap((e) => e ?? [])
      : [];
  const [supportCount, setSupportCount] = useLiveValue(idea.supportCount, liveCursor);
  const { announce } = useLive();
  useLiveRevalidation(`idea:${idea.id}`, {
    after: liveCursor,
    onEvent: (event) => {
      const payload = event.payload as { supportCount?: number };
      if (event.type === "idea.support" && typeof payload.supportCount === "number") {
        setSupportCount(payload.supportCount, event.id);
        announce(t("live.supportChanged", { count: payload.supportCount }));
      }
    },
  });
  const held = useHeldBack(
    comments,
    (c) => c.id,
    (c) => c.author.id === user?.id,
    `${idea.id}?${pageQuery}`,
  );
  return (
    <div className="stack">
      <nav aria-label={t("idea.postedIn")} className="breadcrumbs">
        <ol>
          <li>
            <Link to="/utmaningar">{t("nav.challenges")}</Link>
          </li>
          <li>
            <Link to={`/utmaningar/${idea.challenge.slug}`}>{idea.challenge.title}</Link>
          </li>
        </ol>
      </nav>
      <article className="idea" aria-labelledby="idea-title">
        <header>
          <h1 id="idea-title">{idea.title ?? t("idea.deletedTitle")}</h1>
          <p className="idea-meta">
            <IdeaStatusBadge status={idea.status} /> {t("idea.by")} <AuthorLink author={idea.author} /> ·{" "}
            <RelativeTime iso={idea.createdAt} now={now} />
            {idea.editedAt && visible ? (
              <>
                {" · "}
                <Link to={`/ideer/${idea.id}/historik`}>{t("idea.edited")}</Link>
              </>
            ) : null}
            {viewer?.canEdit ? (
              <>
                {" · "}
                <Link to={`/ideer/${idea.id}/redigera`}>{t("idea.edit")}</Link>
              </>
            ) : null}
            {visible && viewer ? (
              <>
                {" · "}
                <ReportButton type="idea" id={idea.id} ownerId={idea.author.id} />
              </>
            ) : null}
            {idea.state !== "deleted" ? (
              <>
                {" "}
                <ModerateLink type="idea" id={idea.id} ownerId={idea.author.id} />{" "}
                <RedactLink type="idea" id={idea.id} ownerId={idea.author.id} />
              </>
            ) : null}
            {viewer?.canReview ? (
              <>
                {" · "}
                <Link to={`/labbet/ide/${idea.id}`} data-action="lab-review">
                  {t("lab.review")}
                </Link>
              </>
            ) : null}
          </p>
        </header>
        {idea.bodyHtml !== null ? (
          <RenderedMarkdown html={idea.bodyHtml} />
        ) : (
          <p className="notice">
            {idea.state === "deleted"
              ? t("idea.deletedByAuthor")
              : idea.hiddenPending
                ? t("moderation.hiddenPending")
                : t("idea.hiddenByModerator")}
          </p>
        )}
        <section id="stod" className="support-box card" aria-label={t("idea.support")}>
          <p className="support-count" data-live="support-count">
            {t("idea.supports", { count: supportCount })}
          </p>
          {!visible ? null : !user ? (
            <Link to={`/logga-in?redirectTo=${encodeURIComponent(`/ideer/${idea.id}`)}`}>{t("idea.signInToSupport")}</Link>
          ) : viewer?.isAuthor ? (
            <p className="muted">{t("idea.ownIdea")}</p>
          ) : viewer?.canSupport && isActiveIdea(idea.status) ? (
            <Form method="post" preventScrollReset>
              <input type="hidden" name="intent" value="support" />
              <input type="hidden" name="value" value={idea.supportedByViewer ? "off" : "on"} />
              {idea.supportedByViewer ? <p>{t("idea.supported")}</p> : null}
              <button
                type="submit"
                className={idea.supportedByViewer ? "secondary" : "primary"}
                aria-pressed={idea.supportedByViewer}
              >
                {idea.supportedByViewer ? t("idea.unsupport") : t("idea.support")}
              </button>
            </Form>
          ) : null}
        </section>
        {lab ? <IdeaLabPanel ideaId={idea.id} lab={lab} following={following} /> : null}
      </article>
      <section aria-labelledby="comments-heading" className="comments-section">
        <h2 id="comments-heading">{t("comment.count", { count: idea.commentCount })}</h2>
        {strayErrors.length ? (
          <p className="form-error" role="alert">
            {strayErrors.map((e) => translateMessage(t, e)).join(" ")}
          </p>
        ) : null}
        <NewItemsButton count={held.heldCount} onReveal={held.reveal} focusIdFor={(id) => `kommentar-${id}`} />
        <CommentList
          comments={held.visible}
          viewer={viewer}
          votes={votes}
          now={now}
          replyingTo={replyingTo}
          replyResult={actionData?.formId === `reply-${replyingTo}` ? actionData.result : undefined}
          pageQuery={pageQuery}
          moreReplies={{ rootIds: threadsWithMoreReplies, href: (rootId) => `/ideer/${idea.id}/trad/${rootId}` }}
        />
        {nextCursor ? (
          <p>
            <Link to={`?efter=${nextCursor}`}>{t("comment.more")}</Link>
          </p>
        ) : null}
        {!user ? (
          <p>
            <Link to={`/logga-in?redirectTo=${encodeURIComponent(`/ideer/${idea.id}`)}`}>{t("comment.signIn")}</Link>
          </p>
        ) : idea.locked ? (
          <p className="notice">{t("comment.locked")}</p>
        ) : !visible ? (
          <p className="notice">{t("comment.ideaDeleted")}</p>
        ) : viewer?.canComment ? (
          <section aria-labelledby="new-comment-heading">
            <h3 id="new-comment-heading">{t("comment.new")}</h3>
            <CommentForm
              formId="comment-new"
              label={t("comment.body")}
              submitLabel={t("comment.submit")}
              lastResult={actionData?.formId === "comment-new" ? actionData.result : undefined}
              pageQuery={pageQuery}
            />
          </section>
        ) : null}
      </section>
    </div>
  );
}
