import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthorLink, IdeaStatusBadge } from "./IdeaBits";
import { RelativeTime } from "./RelativeTime";
import { ideaStatuses } from "../../domain/content/rules";

/** Swedish words in the URL for the four sorts; the domain uses the English keys. */
export const sortParams = { populara: "popular", nya: "new", "mest-stod": "supports", "mest-diskuterade": "comments" } as const;
export type SortParam = keyof typeof sortParams;

export interface IdeaListItem {
  id: number;
  title: string;
  status: string;
  supportCount: number;
  commentCount: number;
  pinned: boolean;
  createdAt: string;
  author: { id: string; displayName: string };
}

interface IdeaListProps {
  challengeSlug: string;
  ideas: IdeaListItem[];
  sort: SortParam;
  status: string | null;
  nextCursor: number | null;
  isFirstPage: boolean;
  now: number;
  /** The challenge's support threshold: open ideas show their progress towards it. */
  threshold?: number;
}

export function IdeaList({ challengeSlug, ideas, sort, status, nextCursor, isFirstPage, now, threshold }: IdeaListProps) {
  const { t } = useTranslation();
  const query = (next: Record<string, string | null>) => {
    const params = new URLSearchParams();
    const merged = { sortering: sort === "populara" ? null : sort, status, ...next };
    for (const [key, value] of Object.entries(merged)) if (value) params.set(key, value);
    const text = params.toString();
    return `/utmaningar/${challengeSlug}${text ? `?${text}` : ""}#ideer`;
  };
  return (
    <>
      <nav aria-label={t("idea.sortLabel")}>
        <ul className="sort-tabs">
          {(Object.keys(sortParams) as SortParam[]).map((key) => (
            <li key={key}>
              <Link
                to={query({ sortering: key === "populara" ? null : key, efter: null })}
                aria-current={key === sort ? "page" : undefined}
                preventScrollReset
              >
                {t(`idea.sorts.${sortParams[key]}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Form method="get" className="filters" action={`/utmaningar/${challengeSlug}#ideer`} preventScrollReset>
        {sort !== "populara" ? <input type="hidden" name="sortering" value={sort} /> : null}
        <div className="field">
          <label htmlFor="idea-status">{t("idea.statusFilter")}</label>
          <select id="idea-status" name="status" defaultValue={status ?? ""}>
            <option value="">{t("idea.allStatuses")}</option>
            {ideaStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`idea.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="secondary">
          {t("idea.filter")}
        </button>
      </Form>
      {ideas.length === 0 ? (
        <p className="muted">{t("idea.none")}</p>
      ) : (
        <ol className="card-list idea-list">
          {ideas.map((idea) => (
            <li key={idea.id} className="card idea-card" data-idea-id={idea.id}>
              <h3>
                <Link to={`/ideer/${idea.id}`}>{idea.title}</Link>
              </h3>
              <p className="idea-meta">
                <IdeaStatusBadge status={idea.status} /> {t("idea.by")} <AuthorLink author={idea.author} /> ·{" "}
                <RelativeTime iso={idea.createdAt} now={now} />
              </p>
              <p className="idea-counts">
                <span data-live="support-count">
                  {threshold !== undefined && idea.status === "open"
                    ? t("threshold.progress", { current: idea.supportCount, threshold })
                    : t("idea.supports", { count: idea.supportCount })}
                </span>{" "}
                · <span data-live="comment-count">{t("idea.comments", { count: idea.commentCount })}</span>
              </p>
            </li>
          ))}
        </ol>
      )}
      <p className="pager">
        {!isFirstPage ? <Link to={query({ efter: null })}>{t("idea.firstPage")}</Link> : null}{" "}
        {nextCursor ? (
          <Link to={query({ efter: String(nextCursor) })} rel="next">
            {t("idea.nextPage")}
          </Link>
        ) : null}
      </p>
    </>
  );
}
