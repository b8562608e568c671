import { useTranslation } from "react-i18next";
import type { HistoryVersion } from "../../domain/moderation/history.server";
import { AuthorLink, RenderedMarkdown } from "./IdeaBits";
import { RelativeTime } from "./RelativeTime";

interface Version {
  title?: string | null;
  bodyHtml: string;
  at: string;
  editor: { id: string; displayName: string };
}

/** An earlier version as the page receives it: without text when it is withheld from the reader. */
export interface EarlierVersion {
  id: number;
  at: string;
  withheld: boolean;
  byModerator: boolean;
  title: string | null;
  bodyHtml: string | null;
  editor: { id: string; displayName: string } | null;
  reason: string | null;
}

/** Turns the domain's versions into what the page sends to the browser (the loader renders the Markdown). */
export function versionsForList(versions: HistoryVersion[], render: (markdown: string) => string): EarlierVersion[] {
  return versions.map((v) => ({
    id: v.id,
    at: v.at.toISOString(),
    withheld: v.withheld,
    byModerator: v.byModerator,
    title: v.title,
    bodyHtml: v.body === null ? null : render(v.body),
    editor: v.editor,
    reason: v.reason,
  }));
}

/** The current text first, then each earlier version as it was before the edit that replaced it. */
export function RevisionList({
  current,
  revisions,
  now,
  emptyText,
}: {
  current: Version;
  revisions: EarlierVersion[];
  now: number;
  emptyText: string;
}) {
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
          <li key={r.id} className="card" data-revision={r.id} data-withheld={r.withheld ? "true" : undefined}>
            <h2>
              {t("idea.historyVersion")} · <RelativeTime iso={r.at} now={now} />
            </h2>
            {r.withheld ? (
              <p className="muted removed">{t("idea.historyWithheld")}</p>
            ) : (
              <>
                <p className="muted">
                  {r.editor ? (
                    <>
                      {t("idea.editedBy")} <AuthorLink author={r.editor} />
                    </>
                  ) : (
                    t("idea.editedByModerator")
                  )}
                </p>
                {r.byModerator ? <p className="notice">{t("idea.historyModeratorEdit")}</p> : null}
                {r.reason ? <p className="muted">{t("idea.historyModeratorReason", { reason: r.reason })}</p> : null}
                {r.title ? <h3>{r.title}</h3> : null}
                {r.bodyHtml !== null ? <RenderedMarkdown html={r.bodyHtml} /> : null}
              </>
            )}
          </li>
        ))
      )}
    </ol>
  );
}
