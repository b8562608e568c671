import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listFocusAreas, listChallenges } from "../domain/catalog/catalog.server";
import { ChallengeCard } from "../ui/ChallengeCard";
import { feedLink, pageTitle } from "../ui/meta";
import { latestNews } from "../domain/site/news.server";
import { NewsCard } from "../ui/site/News";

export const meta: MetaFunction = ({ matches }) => [
  ...pageTitle(matches, { key: "home.title" }),
  feedLink(matches, "/aktuellt.atom", "news.feedTitle"),
  feedLink(matches, "/projekt/uppdateringar.atom", "news.projectsFeedTitle"),
];

export async function loader({ context }: LoaderFunctionArgs) {
  const db = context.database.db;
  const [areas, challenges, news] = await Promise.all([listFocusAreas(db), listChallenges(db), latestNews(db, 3)]);
  return {
    news,
    areas: areas.map((a) => ({ ...a, challenges: challenges.filter((c) => c.focusAreaId === a.id && c.status === "open") })),
  };
}

export default function Home() {
  const { t } = useTranslation();
  const { areas, news } = useLoaderData<typeof loader>();
  return (
    <>
      <section className="hero">
        <h1>{t("home.title")}</h1>
        <p className="lead">{t("home.lead")}</p>
        <h2>{t("home.howItWorks")}</h2>
        <ol className="steps">
          <li>{t("home.step1")}</li>
          <li>{t("home.step2")}</li>
          <li>{t("home.step3")}</li>
        </ol>
      </section>
      <h2>{t("home.focusAreas")}</h2>
      {areas.map((area) => (
        <section key={area.id} aria-labelledby={`area-${area.slug}`} className="stack">
          <h3 id={`area-${area.slug}`}>
            <Link to={`/fokusomraden/${area.slug}`}>{area.name}</Link>
          </h3>
          <p className="muted">{area.summary}</p>
          <ul className="grid card-list" aria-label={t("home.challengesIn", { name: area.name })}>
            {area.challenges.map((c) => (
              <li key={c.id}>
                <ChallengeCard challenge={c} headingLevel={4} />
              </li>
            ))}
          </ul>
        </section>
      ))}
      {news.length > 0 ? (
        <section aria-labelledby="home-news" className="stack">
          <h2 id="home-news">{t("news.title")}</h2>
          <ul className="grid card-list">
            {news.map((item) => (
              <li key={item.id}>
                <NewsCard item={item} />
              </li>
            ))}
          </ul>
          <p>
            <Link to="/aktuellt">{t("news.all")}</Link>
          </p>
        </section>
      ) : null}
    </>
  );
}
