import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Previous/next links for a paged list; keeps the rest of the query string (the search, the filters). */
export function PageLinks({ page, pageCount, param, label }: { page: number; pageCount: number; param: string; label: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  if (pageCount <= 1) return null;
  const href = (to: number) => {
    const params = new URLSearchParams(location.search);
    if (to <= 1) params.delete(param);
    else params.set(param, String(to));
    const query = params.toString();
    return `${location.pathname}${query ? `?${query}` : ""}`;
  };
  return (
    <nav className="pager" aria-label={label}>
      {page > 1 ? (
        <Link to={href(Math.min(page - 1, pageCount))} rel="prev">
          {t("search.pager.previous")}
        </Link>
      ) : null}
      <span>{t("search.pager.position", { page, count: pageCount })}</span>
      {page < pageCount ? (
        <Link to={href(page + 1)} rel="next">
          {t("search.pager.next")}
        </Link>
      ) : null}
    </nav>
  );
}
