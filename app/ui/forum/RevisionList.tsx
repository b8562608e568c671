import { useTranslation } from "react-i18next";
import { AuthorLink, RenderedMarkdown } from "./IdeaBits";
import { RelativeTime } from "./RelativeTime";

interface Version {
  title?: string | null;
  bodyHtml: string;
  at: string;
  editor: { id: string; displayName: string };
}

/** The current text first, then each earlier version as it was before the edit that replaced it. */
export function RevisionList({ current, revisions, now, emptyText }: { current: Version; revisions: (Version & { id: number })[]; now: number; emptyText: string }) {
  const { t } = useTranslation();
  return (
    <ol className="revisions card-list">
      <li className="card">
        <h2>{t("idea.historyCurrent")}</h2>
        <p className="muted">
          <RelativeTime iso={current.at} now={now} />
        </p>
        {current.title ? <h3>{current.title}</h3> : null}
        <RenderedMarkdown html={current.bodyHtml} />
      </li>
      {revisions.length === 0 ? (
        <li>
          <p className="muted">{emptyText}</p>
        </li>
      ) : (
        revisions.map((r) => (
          <li key={r.id} className="card">
            <h2>
              {t("idea.historyVersion")} · <RelativeTime iso={r.at} now={now} />
            </h2>
            <p className="muted">
              {t("idea.editedBy")} <AuthorLink author={r.editor} />
            </p>
            {r.title ? <h3>{r.title}</h3> : null}
            <RenderedMarkdown html={r.bodyHtml} />
          </li>
        ))
      )}
    </ol>
  );
}
