import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { listFocusAreas, listChallenges } from "../domain/catalog/catalog.server";
import { perspectiveKeys } from "../domain/catalog/perspectives";
import { ChallengeCard } from "../ui/ChallengeCard";
import { pageTitle } from "../ui/meta";
import { badRequest, notFound } from "../http/responses.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "challenge.listTitle" });

const filterSchema = z.object({
  omrade: z.string().max(80).optional(),
  mal: z.coerce.number().int().min(1).max(17).optional(),
  perspektiv: z.enum(perspectiveKeys).optional(),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v !== ""));
  const parsed = filterSchema.safeParse(raw);
  if (!parsed.success) throw badRequest(request, "errors.invalidFilter");
  const filter = parsed.data;
  const db = context.database.db;
  const areas = await listFocusAreas(db);
  const area = filter.omrade ? areas.find((a) => a.slug === filter.omrade) : undefined;
  if (filter.omrade && !area) throw notFound(request, "errors.focusAreaNotFound");
  const challenges = await listChallenges(db, { focusAreaId: area?.id, goal: filter.mal, perspective: filter.perspektiv });
  return { areas: areas.map((a) => ({ slug: a.slug, name: a.name })), challenges, filter, perspectives: perspectiveKeys };
}

export default function ChallengesPage() {
  const { t } = useTranslation();
  const { areas, challenges, filter, perspectives } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("challenge.listTitle")}</h1>
      <p className="lead">{t("challenge.listLead")}</p>
      <Form method="get" className="filters" aria-label={t("challenge.filter")}>
        <div className="field">
          <label htmlFor="f-area">{t("challenge.focusArea")}</label>
          <select id="f-area" name="omrade" defaultValue={filter.omrade ?? ""}>
            <option value="">{t("challenge.allFocusAreas")}</option>
            {areas.map((a) => (
              <option key={a.slug} value={a.slug}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-goal">{t("challenge.goals")}</label>
          <select id="f-goal" name="mal" defaultValue={filter.mal ?? ""}>
            <option value="">{t("challenge.allGoals")}</option>
            {Array.from({ length: 17 }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {t("goal.label", { n, name: t(`goal.${n}`) })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-persp">{t("challenge.perspectives")}</label>
          <select id="f-persp" name="perspektiv" defaultValue={filter.perspektiv ?? ""}>
            <option value="">{t("challenge.allPerspectives")}</option>
            {perspectives.map((p) => (
              <option key={p} value={p}>
                {t(`perspective.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary">
          {t("challenge.filter")}
        </button>
      </Form>
      {challenges.length === 0 ? <p>{t("challenge.noneFound")}</p> : null}
      <ul className="grid card-list">
        {challenges.map((c) => (
          <li key={c.id}>
            <ChallengeCard challenge={c} headingLevel={2} />
          </li>
        ))}
      </ul>
    </>
  );
}
