import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getFocusArea, listChallenges } from "../domain/catalog/catalog.server";
import { ChallengeCard } from "../ui/ChallengeCard";
import { pageTitle } from "../ui/meta";
import { notFound } from "../http/responses.server";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, { text: data?.area.name ?? "" }, data?.area.summary);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const area = await getFocusArea(context.database.db, params.slug ?? "");
  if (!area) throw notFound(request, "errors.focusAreaNotFound");
  const challenges = await listChallenges(context.database.db, { focusAreaId: area.id });
  return { area, challenges };
}

export default function FocusAreaPage() {
  const { t } = useTranslation();
  const { area, challenges } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="muted">{t("challenge.focusArea")}</p>
      <h1>{area.name}</h1>
      <p className="lead">{area.summary}</p>
      <p>{area.description}</p>
      <h2>{t("focusArea.challenges")}</h2>
      <ul className="grid card-list">
        {challenges.map((c) => (
          <li key={c.id}>
            <ChallengeCard challenge={c} headingLevel={3} />
          </li>
        ))}
      </ul>
    </>
  );
}
