import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getChallenge } from "../domain/catalog/catalog.server";
import { GoalTags, PerspectiveTags, StatusBadge } from "../ui/Tags";
import { pageTitle } from "../ui/meta";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, { text: data?.challenge.title ?? "" }, data?.challenge.summary);

export async function loader({ params, context }: LoaderFunctionArgs) {
  const challenge = await getChallenge(context.database.db, params.slug ?? "");
  if (!challenge) throw new Response("Utmaningen finns inte.", { status: 404 });
  return { challenge };
}

export default function ChallengePage() {
  const { t } = useTranslation();
  const { challenge } = useLoaderData<typeof loader>();
  return (
    <article className="stack">
      <nav aria-label="Brödsmulor" className="breadcrumbs">
        <ol>
          <li>
            <Link to="/utmaningar">{t("nav.challenges")}</Link>
          </li>
          <li>
            <Link to={`/fokusomraden/${challenge.focusArea.slug}`}>{challenge.focusArea.name}</Link>
          </li>
        </ol>
      </nav>
      <header>
        <h1>{challenge.title}</h1>
        <p>
          <StatusBadge status={challenge.status} />
        </p>
        <p className="lead">{challenge.summary}</p>
      </header>
      <p>{challenge.description}</p>
      {challenge.status !== "open" ? <p className="notice">{t("challenge.closedNotice")}</p> : null}
      <section className="card" aria-labelledby="facts-heading">
        <h2 id="facts-heading" className="visually-hidden">
          {t("challenge.facts")}
        </h2>
        <h3>{t("challenge.goals")}</h3>
        <GoalTags goals={challenge.sdgGoals} />
        <h3>{t("challenge.perspectives")}</h3>
        <PerspectiveTags perspectives={challenge.perspectives} />
        <h3>{t("challenge.owners")}</h3>
        <ul>
          {challenge.owners.map((o) => (
            <li key={o.slug}>{o.name}</li>
          ))}
        </ul>
        <p className="muted">{t("challenge.threshold", { count: challenge.supportThreshold })}</p>
      </section>
    </article>
  );
}
