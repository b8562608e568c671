import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "../auth/session.server";
import { listSubscribers } from "../domain/newsletter/newsletter.server";
import { listNews } from "../domain/site/news.server";
import { can } from "../auth/permissions";
import { pageTitle } from "../ui/meta";
import { NewsCard } from "../ui/site/News";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "editorial.title" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "site.edit");
  const db = context.database.db;
  const { upcoming, rest } = await listNews(db, { includeUnpublished: true });
  const seesPrivate = can(user, "site.private");
  return { items: [...upcoming, ...rest], subscribers: seesPrivate ? (await listSubscribers(db)).length : null };
}

export default function Editorial() {
  const { t } = useTranslation();
  const { items, subscribers } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("editorial.title")}</h1>
      <p className="lead">{t("editorial.lead")}</p>
      <ul>
        <li>
          <Link to="/redaktion/aktuellt/ny">{t("editorial.newItem")}</Link>
        </li>
        <li>
          <Link to="/redaktion/om">{t("editorial.editAbout")}</Link>
        </li>
        {subscribers !== null ? (
          <>
            <li>
              <a href="/redaktion/prenumeranter.csv" download>
                {t("editorial.subscribersCsv", { count: subscribers })}
              </a>
            </li>
            <li>
              <Link to="/redaktion/meddelanden">{t("editorial.messages")}</Link>
            </li>
          </>
        ) : null}
      </ul>
      <section aria-labelledby="items" className="stack">
        <h2 id="items">{t("editorial.items")}</h2>
        <ul className="card-list">
          {items.map((item) => (
            <li key={item.id}>
              <NewsCard item={item} />
              <p>
                <Link to={`/redaktion/aktuellt/${item.id}`} aria-label={t("editorial.editNamed", { title: item.title })}>
                  {t("editorial.edit")}
                </Link>
              </p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
