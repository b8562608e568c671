import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "../auth/permissions";
import { getUser } from "../auth/session.server";
import { listNews } from "../domain/site/news.server";
import { feedLink, pageTitle } from "../ui/meta";
import { NewsCard } from "../ui/site/News";

export const meta: MetaFunction = ({ matches }) => [
  ...pageTitle(matches, { key: "news.title" }),
  feedLink(matches, "/aktuellt.atom", "news.feedTitle"),
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  const staff = can(user, "site.edit");
  const { upcoming, rest } = await listNews(context.database.db, { includeUnpublished: staff });
  return { upcoming, rest, staff };
}

export default function News() {
  const { t } = useTranslation();
  const { upcoming, rest, staff } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("news.title")}</h1>
      <p className="lead">{t("news.lead")}</p>
      <p>
        <a href="/aktuellt.atom">{t("news.feed")}</a> · <Link to="/nyhetsbrev">{t("newsletter.cta")}</Link>
        {staff ? (
          <>
            {" "}
            · <Link to="/redaktion/aktuellt/ny">{t("editorial.newItem")}</Link>
          </>
        ) : null}
      </p>
      <section aria-labelledby="upcoming" className="stack">
        <h2 id="upcoming">{t("news.upcoming")}</h2>
        {upcoming.length === 0 ? <p className="muted">{t("news.noUpcoming")}</p> : null}
        <ul className="card-list">
          {upcoming.map((item) => (
            <li key={item.id}>
              <NewsCard item={item} />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="latest" className="stack">
        <h2 id="latest">{t("news.latest")}</h2>
        {rest.length === 0 ? <p className="muted">{t("news.empty")}</p> : null}
        <ul className="card-list">
          {rest.map((item) => (
            <li key={item.id}>
              <NewsCard item={item} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
