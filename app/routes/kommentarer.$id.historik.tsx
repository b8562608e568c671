import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getComment } from "../domain/comments/comments.server";
import { listRevisions } from "../domain/ideas/ideas.server";
import { renderMarkdown } from "../utils/markdown.server";
import { notFound, parseId } from "../utils/forum-http.server";
import { RevisionList } from "../ui/forum/RevisionList";
import { pageTitle } from "../ui/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "comment.historyTitle" });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const id = parseId(params.id);
  const comment = id ? await getComment(context.database.db, id) : null;
  if (!comment) throw notFound(request, "forum.commentNotFound");
  // Removed content stays removed: its history is not a way around the removal.
  const removed = comment.deletedAt !== null || comment.hidden;
  const revisions = removed ? [] : await listRevisions(context.database.db, "comment", comment.id);
  return {
    now: Date.now(),
    comment: { id: comment.id, ideaId: comment.ideaId, removed },
    current: removed
      ? null
      : { bodyHtml: renderMarkdown(comment.body), at: (comment.editedAt ?? comment.createdAt).toISOString(), editor: comment.author },
    revisions: revisions.map((r) => ({ id: r.id, bodyHtml: renderMarkdown(r.body), at: r.createdAt.toISOString(), editor: r.editor })),
  };
}

export default function CommentHistory() {
  const { t } = useTranslation();
  const { comment, current, revisions, now } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("comment.historyTitle")}</h1>
      <p>
        <Link to={`/ideer/${comment.ideaId}#kommentar-${comment.id}`}>{t("comment.backToIdea")}</Link>
      </p>
      {comment.removed ? <p className="notice">{t("comment.deleted")}</p> : null}
      {current ? <RevisionList current={current} revisions={revisions} now={now} emptyText={t("idea.historyNone")} /> : null}
    </div>
  );
}
