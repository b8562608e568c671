import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "../auth/session.server";
import { listReviewQueue } from "../domain/lab/queue.server";
import { isQueueSort, queueSorts } from "../domain/lab/sorts";
import { getLiveCursor } from "../domain/live/outbox.server";
import { useLiveRevalidation } from "../realtime/hooks";
import { useLive } from "../realtime/LiveProvider";
import { formatDate } from "../ui/format-date";
import { pageTitle } from "../ui/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "lab.title" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "lab.queue");
  const db = context.database.db;
  const liveCursor = await getLiveCursor(db, "lab", context);
  const sortParam = new URL(request.url).searchParams.get("ordning");
  const sort = isQueueSort(sortParam) ? sortParam : "newest";
  return { queue: await listReviewQueue(db, sort), sort, liveCursor };
}

export default function LabQueue() {
  const { t, i18n } = useTranslation();
  const { queue, sort, liveCursor } = useLoaderData<typeof loader>();
  const { announce } = useLive();
  useLiveRevalidation("lab", {
    after: liveCursor,
    onEvent: (event) => {
      if (event.type === "lab.ready") announce(t("lab.newArrival", { title: (event.payload as { title: string }).title }));
    },
  });
  return (
    <div className="stack">
      <h1>{t("lab.title")}</h1>
      <p className="lead">{t("lab.lead")}</p>
      <p className="muted">{t("lab.liveStatus")}</p>
      <p>
        <Link to="/labbet/utmaningar">{t("lab.challengesTitle")}</Link> ·{" "}
        <Link to="/labbet/nytt-projekt">{t("lab.newProject")}</Link>
      </p>
      <Form method="get" className="filters">
        <div className="field">
          <label htmlFor="q-sort">{t("lab.sortLabel")}</label>
          <select id="q-sort" name="ordning" defaultValue={sort}>
            {queueSorts.map((s) => (
              <option key={s} value={s}>
                {t(`lab.sorts.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="secondary">
          {t("lab.show")}
        </button>
      </Form>
      {queue.length === 0 ? (
        <p className="muted">{t("lab.empty")}</p>
      ) : (
        <ul className="card-list" data-testid="lab-queue">
          {queue.map((idea) => (
            <li key={idea.id} className="card">
              <h2 className="card-title">
                <Link to={`/ideer/${idea.id}`}>{idea.title}</Link>
              </h2>
              <p>
                {t("lab.inChallenge", { title: idea.challenge.title })} · {t("lab.by", { name: idea.author.displayName })}
              </p>
              <p>
                {t("lab.supports", { current: idea.supportCount, threshold: idea.threshold })}
                {idea.reachedAt ? ` · ${t("lab.reachedAt", { date: formatDate(idea.reachedAt, i18n.language) })}` : null}
              </p>
              <p>
                <Link className="button" to={`/labbet/ide/${idea.id}`}>
                  {t("lab.review")}
                  <span className="visually-hidden">: {idea.title}</span>
                </Link>
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
