import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "../auth/permissions";
import { getUser } from "../auth/session.server";
import { getNewsBySlug } from "../domain/site/news.server";
import { renderMarkdown } from "../domain/content/markdown.server";
import { formatDate } from "../ui/format-date";
import { pageTitle } from "../ui/meta";
import { useRootData } from "../ui/root-data";
import { EventFacts } from "../ui/site/News";
import { notFound } from "../http/responses.server";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  data ? pageTitle(matches, { text: data.item.title }, data.item.summary) : pageTitle(matches, { key: "error.notFoundTitle" });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  const staff = can(user, "site.edit");
  const item = await getNewsBySlug(context.database.db, params.slug ?? "", { includeUnpublished: staff });
  if (!item) throw notFound(request, "errors.newsNotFound");
  const { body, authorId: _author, ...rest } = item;
  return { item: rest, html: renderMarkdown(body), staff };
}

export default function NewsItemPage() {
  const { t } = useTranslation();
  const { locale } = useRootData();
  const { item, html, staff } = useLoaderData<typeof loader>();
  return (
    <article className="stack">
      <nav aria-label={t("news.title")} className="breadcrumbs">
        <ol>
          <li>
            <Link to="/aktuellt">{t("news.title")}</Link>
          </li>
        </ol>
      </nav>
      <h1>{item.title}</h1>
      <p className="muted">
        <span className="badge">{t(`news.kind.${item.kind}`)}</span> {formatDate(item.publishedAt, locale)}
        {item.published ? null : <> · {t("news.unpublished")}</>}
      </p>
      <p className="lead">{item.summary}</p>
      <EventFacts item={item} calendarLink={item.published} />
      <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />
      {staff ? (
        <p>
          <Link to={`/redaktion/aktuellt/${item.id}`}>{t("editorial.edit")}</Link>
        </p>
      ) : null}
    </article>
  );
}
