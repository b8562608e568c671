import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { requirePermission } from "../auth/session.server";
import { getChallengesByIds, listChallenges } from "../domain/catalog/catalog.server";
import { setSupportThreshold } from "../domain/lab/queue.server";
import { thresholdSchema } from "../domain/lab/schemas";
import { commit } from "../http/commit.server";
import { pageTitle } from "../ui/meta";
import { notFound } from "../http/responses.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "lab.challengesTitle" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "lab.challenges");
  const db = context.database.db;
  const list = await listChallenges(db);
  const full = await getChallengesByIds(
    db,
    list.map((c) => c.id),
  );
  const thresholds = new Map(full.map((c) => [c.id, c.supportThreshold]));
  return { challenges: list.map((c) => ({ id: c.id, slug: c.slug, title: c.title, threshold: thresholds.get(c.id) ?? 25 })) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "lab.challenges");
  const submission = parseWithZod(await request.formData(), { schema: thresholdSchema });
  if (submission.status !== "success") {
    const challengeId = Number(submission.payload.challengeId);
    return data({ ok: false, challengeId, value: String(submission.payload.threshold ?? "") }, { status: 400 });
  }
  const outcome = await setSupportThreshold(context.database.db, { actorId: user.id, ...submission.value });
  if (!outcome.ok) throw notFound(request, "forum.challengeNotFound");
  commit(context, outcome.events);
  return { ok: true, challengeId: submission.value.challengeId, value: String(submission.value.threshold) };
}

export default function LabChallenges() {
  const { t } = useTranslation();
  const { challenges } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="stack">
      <nav aria-label={t("lab.title")} className="breadcrumbs">
        <ol>
          <li>
            <Link to="/labbet">{t("lab.title")}</Link>
          </li>
        </ol>
      </nav>
      <h1>{t("lab.challengesTitle")}</h1>
      <p className="lead">{t("lab.challengesLead")}</p>
      <ul className="card-list">
        {challenges.map((c) => {
          const mine = result?.challengeId === c.id;
          const errorId = `threshold-error-${c.id}`;
          return (
            <li key={c.id} className="card">
              <Form method="post" className="inline-form">
                <input type="hidden" name="challengeId" value={c.id} />
                <label htmlFor={`threshold-${c.id}`}>{t("lab.thresholdFor", { title: c.title })}</label>
                <input
                  id={`threshold-${c.id}`}
                  name="threshold"
                  type="number"
                  min={1}
                  max={100000}
                  required
                  defaultValue={mine && result ? result.value : c.threshold}
                  aria-invalid={mine && !result?.ok ? true : undefined}
                  aria-describedby={mine && !result?.ok ? errorId : undefined}
                />
                <button type="submit" className="secondary">
                  {t("lab.saveThreshold")}
                </button>
                {mine && result?.ok ? (
                  <span role="status" className="notice">
                    {t("lab.thresholdSaved")}
                  </span>
                ) : null}
                {mine && !result?.ok ? (
                  <span id={errorId} className="field-error">
                    {t("validation.invalid")}
                  </span>
                ) : null}
              </Form>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
