import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getIdea, listRevisions } from "../domain/ideas/ideas.server";
import { renderMarkdown } from "../utils/markdown.server";
import { notFound, parseId } from "../utils/forum-http.server";
import { RevisionList } from "../ui/forum/RevisionList";
import { pageTitle } from "../ui/meta";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data?.idea.title ? { text: data.idea.title } : { key: "idea.history" });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const id = parseId(params.id);
  const idea = id ? await getIdea(context.database.db, id) : null;
  if (!idea) throw notFound(request, "forum.ideaNotFound");
  // Removed content stays removed: its history is not a way around the removal.
  const removed = idea.deletedAt !== null || idea.hidden;
  const revisions = removed ? [] : await listRevisions(context.database.db, "idea", idea.id);
  return {
    now: Date.now(),
    idea: { id: idea.id, title: removed ? null : idea.title, removed },
    current: removed
      ? null
      : { title: idea.title, bodyHtml: renderMarkdown(idea.body), at: (idea.editedAt ?? idea.createdAt).toISOString(), editor: idea.author },
    revisions: revisions.map((r) => ({
      id: r.id,
      title: r.title,
      bodyHtml: renderMarkdown(r.body),
      at: r.createdAt.toISOString(),
      editor: r.editor,
    })),
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
      {current ? <RevisionList current={current} revisions={revisions} now={now} emptyText={t("idea.historyNone")} /> : null}
    </div>
  );
}
