import { useEffect, useRef } from "react";
import { Form, Link, useLocation, useNavigation } from "@remix-run/react";
import { RowLink } from "../RowLink";
import { useForm, getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { commentSchema } from "../../domain/ideas/schemas";
import { Field, FormErrors } from "../forms";
import { AuthorLink } from "./IdeaBits";
import { commentHtmlKey, useDocumentHtml } from "../DocumentHtml";
import { RelativeTime } from "./RelativeTime";
import { ModerateLink, RedactLink, ReportButton } from "../moderation/ReportButton";
import { useT } from "../i18n/use-t";
import type { CommentViewer } from "../../domain/comments/viewer";

/** A comment as a page shows it (app/http/page-comments.server.ts makes them from the domain's). */
export interface CommentRow {
  id: number;
  /** The thread's top-level comment; absent on a top-level comment. */
  rootId?: number | null;
  /** 0 for a top-level comment, else how far the reply is indented. */
  indent: number;
  author: { id: string; displayName: string };
  /** Null when there is no text to show; undefined when the page's markup carries it (app/ui/DocumentHtml.tsx). */
  bodyHtml: string | null | undefined;
  state: "visible" | "deleted" | "hidden";
  /** Hidden by reports or pre-moderation, until a moderator has looked. */
  hiddenPending?: boolean;
  score: number;
  createdAt: string;
  editedAt?: string | null;
  replyTo?: { id: number; displayName: string } | null;
}

export type { CommentViewer };

interface CommentListProps {
  comments: CommentRow[];
  viewer: CommentViewer | null;
  votes: Record<number, number>;
  now: number;
  /** Id of the comment whose reply form is open (?svara=). */
  replyingTo: number | null;
  replyResult?: SubmissionResult<string[]> | null;
  /** Query string that keeps the current comment page in links and redirects. */
  pageQuery: string;
  /** Threads whose replies go on past those listed: a link to the thread page follows their last one. */
  moreReplies?: { rootIds: number[]; href: (rootId: number) => string };
}

export function CommentList({ comments, viewer, votes, now, replyingTo, replyResult, pageQuery, moreReplies }: CommentListProps) {
  const { t } = useTranslation();
  if (comments.length === 0) return <p className="muted">{t("comment.none")}</p>;
  const cutThreads = new Set(moreReplies?.rootIds ?? []);
  const rootOf = (c: CommentRow) => c.rootId ?? c.id;
  return (
    <>
      {/* One form carries every vote of the page: each vote button names it (form=) and sends
          "comment id:value" as its own value, so a page of comments needs no form per comment. */}
      {viewer?.canVote ? (
        <Form method="post" id={voteFormId} className="vote-form" preventScrollReset>
          <input type="hidden" name="intent" value="vote" />
          <input type="hidden" name="back" value={pageQuery} />
        </Form>
      ) : null}
      <ol className="comments">
        {comments.flatMap((c, i) => {
          const next = comments[i + 1];
          const lastOfThread = !next || next.indent === 0 || rootOf(next) !== rootOf(c);
          const item = (
            <li key={c.id} id={`kommentar-${c.id}`} className={`comment indent-${c.indent}`}>
              <CommentBody comment={c} viewer={viewer} vote={votes[c.id] ?? 0} now={now} pageQuery={pageQuery} />
              {/* A refused reply keeps its form and its text, even when the refusal was that the idea got locked. */}
              {replyingTo === c.id && (viewer?.canComment || replyResult) ? (
                <CommentForm
                  formId={`reply-${c.id}`}
                  parentId={c.id}
                  label={t("comment.replyTo", { name: c.author.displayName })}
                  submitLabel={t("comment.sendReply")}
                  lastResult={replyResult}
                  pageQuery={pageQuery}
                />
              ) : null}
            </li>
          );
          if (!lastOfThread || !moreReplies || !cutThreads.has(rootOf(c))) return [item];
          return [
            item,
            <li key={`tradfortsattning-${rootOf(c)}`} className="comment indent-1 thread-more">
              <Link to={moreReplies.href(rootOf(c))}>{t("comment.moreInThread")}</Link>
            </li>,
          ];
        })}
      </ol>
    </>
  );
}

const voteFormId = "kommentarsroster";

/** A comment's rendered Markdown, from the data or, on a document's first render, from the document. */
function CommentMarkdown({ id, html }: { id: number; html: string | undefined }) {
  const key = commentHtmlKey(id);
  return <div className="prose" data-html={key} dangerouslySetInnerHTML={{ __html: useDocumentHtml(key, html) }} />;
}

function CommentBody({
  comment: c,
  viewer,
  vote,
  now,
  pageQuery,
}: {
  comment: CommentRow;
  viewer: CommentViewer | null;
  vote: number;
  now: number;
  pageQuery: string;
}) {
  const t = useT();
  const { pathname } = useLocation();
  const visible = c.state === "visible";
  const replyQuery = new URLSearchParams(pageQuery);
  replyQuery.set("svara", String(c.id));
  return (
    <article className="comment-body" aria-label={c.author.displayName}>
      <p className="comment-meta">
        <AuthorLink author={c.author} /> · <RelativeTime iso={c.createdAt} now={now} />
        {c.replyTo ? (
          <>
            {" · "}
            <a href={`#kommentar-${c.replyTo.id}`}>{t("comment.replyingTo", { name: c.replyTo.displayName })}</a>
          </>
        ) : null}
        {c.editedAt && visible ? (
          <>
            {" · "}
            <RowLink to={`/kommentarer/${c.id}/historik`}>{t("idea.edited")}</RowLink>
          </>
        ) : null}
      </p>
      {visible && c.bodyHtml !== null ? (
        <CommentMarkdown id={c.id} html={c.bodyHtml} />
      ) : (
        <p className="muted removed">
          {c.state === "deleted" ? t("comment.deleted") : c.hiddenPending ? t("moderation.hiddenPending") : t("comment.hidden")}
        </p>
      )}
      <div className="comment-actions">
        <span className="score">{t("comment.score", { score: c.score })}</span>
        {visible && viewer?.canVote && viewer.id !== c.author.id ? (
          <span className="vote-buttons">
            <button
              type="submit"
              form={voteFormId}
              name="vote"
              value={`${c.id}:${vote === 1 ? 0 : 1}`}
              aria-pressed={vote === 1}
              className="vote up"
            >
              <span aria-hidden="true">▲</span>
              {` ${vote === 1 ? t("comment.removeVote") : t("comment.upvote")}`}
            </button>
            <button
              type="submit"
              form={voteFormId}
              name="vote"
              value={`${c.id}:${vote === -1 ? 0 : -1}`}
              aria-pressed={vote === -1}
              className="vote down"
            >
              <span aria-hidden="true">▼</span>
              {` ${vote === -1 ? t("comment.removeVote") : t("comment.downvote")}`}
            </button>
          </span>
        ) : null}
        {visible && viewer?.canComment ? (
          <RowLink to={`${pathname}?${replyQuery}#kommentar-${c.id}`} preventScrollReset>
            {t("comment.reply")}
          </RowLink>
        ) : null}
        {visible && viewer?.id === c.author.id ? (
          <RowLink to={`/kommentarer/${c.id}/redigera`}>{t("comment.edit")}</RowLink>
        ) : null}
        {visible ? <ReportButton type="comment" id={c.id} ownerId={c.author.id} /> : null}
        {c.state !== "deleted" ? <ModerateLink type="comment" id={c.id} ownerId={c.author.id} /> : null}
        {c.state !== "deleted" ? <RedactLink type="comment" id={c.id} ownerId={c.author.id} /> : null}
      </div>
    </article>
  );
}

interface CommentFormProps {
  formId: string;
  parentId?: number;
  label: string;
  submitLabel: string;
  lastResult?: SubmissionResult<string[]> | null;
  pageQuery: string;
}

export function CommentForm({ formId, parentId, label, submitLabel, lastResult, pageQuery }: CommentFormProps) {
  const [form, fields] = useForm({
    id: formId,
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: commentSchema }),
  });
  const { t } = useTranslation();
  // A posted comment sends the page a redirect; the form stays mounted, so it is emptied here once
  // its submission has finished without errors (an error comes back as lastResult and keeps the text).
  const navigation = useNavigation();
  const sending = navigation.state !== "idle" && navigation.formData?.get("formId") === formId;
  const wasSending = useRef(false);
  useEffect(() => {
    if (sending) wasSending.current = true;
    else if (wasSending.current && navigation.state === "idle") {
      wasSending.current = false;
      if (lastResult?.status !== "error") form.reset();
    }
  }, [sending, navigation.state, lastResult, form]);
  // A reply form opens because the reader chose "Svara": the cursor goes into it, once, as it opens.
  const bodyId = fields.body.id;
  useEffect(() => {
    if (parentId) document.getElementById(bodyId)?.focus();
  }, [parentId, bodyId]);
  return (
    <Form method="post" {...getFormProps(form)} className="comment-form">
      <FormErrors form={form} />
      <input type="hidden" name="intent" value="comment" />
      <input type="hidden" name="formId" value={formId} />
      <input type="hidden" name="back" value={pageQuery} />
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      <Field meta={fields.body} label={label} hint={t("comment.bodyHint")} multiline />
      <button type="submit" className="primary">
        {submitLabel}
      </button>
    </Form>
  );
}
