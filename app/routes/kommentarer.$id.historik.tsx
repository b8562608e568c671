import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getComment } from "../domain/comments/comments.server";
import { historyFor, readsWithheldHistory } from "../domain/moderation/history.server";
import { getUser, mustEnrolTwoFactor } from "../auth/session.server";
import { renderMarkdown } from "../domain/content/markdown.server";
import { notFound, parseId } from "../http/responses.server";
import { RevisionList, versionsForList } from "../ui/forum/RevisionList";
import { pageTitle } from "../ui/meta";
import { isRemoved } from "../domain/content/rules";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "comment.historyTitle" });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const id = parseId(params.id);
  const comment = id ? await getComment(context.database.db, id) : null;
  if (!comment) throw notFound(request, "forum.commentNotFound");
  const user = await getUser(request, context);
  // Staff who still have to turn on two-step verification read as everyone else does.
  const viewer = user && !mustEnrolTwoFactor(user, context) ? user : null;
  const staff = readsWithheldHistory(viewer);
  // Removed content stays removed: its history is not a way around the removal. Staff still read
  // what a moderator hid, and versions a moderator's edit replaced are theirs alone.
  const removed = staff ? comment.deletedAt !== null : isRemoved(comment);
  const revisions = removed
    ? []
    : await historyFor(context.database.db, viewer, { type: "comment", id: comment.id, authorId: comment.author.id });
  return {
    now: Date.now(),
    comment: { id: comment.id, ideaId: comment.ideaId, removed, hidden: comment.hidden && !removed },
    current: removed
      ? null
      : {
          bodyHtml: renderMarkdown(comment.body),
          at: (comment.editedAt ?? comment.createdAt).toISOString(),
          editor: comment.author,
        },
    revisions: versionsForList(revisions, renderMarkdown),
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
      {comment.hidden ? <p className="notice">{t("moderation.hiddenByModerator")}</p> : null}
      {current ? <RevisionList current={current} revisions={revisions} now={now} emptyText={t("idea.historyNone")} /> : null}
    </div>
  );
}
