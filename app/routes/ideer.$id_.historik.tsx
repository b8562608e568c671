import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getIdea } from "../domain/ideas/ideas.server";
import { historyFor, readsWithheldHistory } from "../domain/moderation/history.server";
import { getUser, mustEnrolTwoFactor } from "../auth/session.server";
import { renderMarkdown } from "../domain/content/markdown.server";
import { notFound, parseId } from "../http/responses.server";
import { RevisionList, versionsForList } from "../ui/forum/RevisionList";
import { pageTitle } from "../ui/meta";
import { isRemoved } from "../domain/content/rules";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data?.idea.title ? { text: data.idea.title } : { key: "idea.history" });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const id = parseId(params.id);
  const idea = id ? await getIdea(context.database.db, id) : null;
  if (!idea) throw notFound(request, "forum.ideaNotFound");
  const user = await getUser(request, context);
  // Staff who still have to turn on two-step verification read as everyone else does.
  const viewer = user && !mustEnrolTwoFactor(user, context) ? user : null;
  const staff = readsWithheldHistory(viewer);
  // Removed content stays removed: its history is not a way around the removal. Staff still read
  // what a moderator hid, and versions a moderator's edit replaced are theirs alone.
  const removed = staff ? idea.deletedAt !== null : isRemoved(idea);
  const revisions = removed
    ? []
    : await historyFor(context.database.db, viewer, { type: "idea", id: idea.id, authorId: idea.author.id });
  return {
    now: Date.now(),
    idea: { id: idea.id, title: removed ? null : idea.title, removed, hidden: idea.hidden && !removed },
    current: removed
      ? null
      : {
          title: idea.title,
          bodyHtml: renderMarkdown(idea.body),
          at: (idea.editedAt ?? idea.createdAt).toISOString(),
          editor: idea.author,
        },
    revisions: versionsForList(revisions, renderMarkdown),
  };
}

export default function IdeaHistory() {
  const { t } = useTranslation();
  const { idea, current, revisions, now } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("idea.historyTitle", { title: idea.title ?? t("idea.deletedTitle") })}</h1>
      <p>
        <Link to={`/ideer/${idea.id}`}>{t("comment.backToIdea")}</Link>
      </p>
      {idea.removed ? <p className="notice">{t("idea.deletedByAuthor")}</p> : null}
      {idea.hidden ? <p className="notice">{t("moderation.hiddenByModerator")}</p> : null}
      {current ? <RevisionList current={current} revisions={revisions} now={now} emptyText={t("idea.historyNone")} /> : null}
    </div>
  );
}
