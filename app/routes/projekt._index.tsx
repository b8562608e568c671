import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listProjects, projectFilterOptions } from "../domain/projects/projects.server";
import { getUser } from "../auth/session.server";
import { can } from "../auth/permissions";
import { GoalTags } from "../ui/Tags";
import { pageTitle } from "../ui/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "projects.title" });

/** Always shown, so a visitor sees that a group is empty; cancelled projects only when there are any. */
const groups = ["upcoming", "ongoing", "completed"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const db = context.database.db;
  const options = await projectFilterOptions(db);
  const focusArea = url.searchParams.get("fokusomrade") || undefined;
  const partner = url.searchParams.get("part") || undefined;
  const goalParam = Number(url.searchParams.get("mal"));
  const goal = Number.isInteger(goalParam) && goalParam >= 1 && goalParam <= 17 ? goalParam : undefined;
  const filter = {
    focusArea: options.focusAreas.some((f) => f.slug === focusArea) ? focusArea : undefined,
    partner: options.partners.some((p) => p.slug === partner) ? partner : undefined,
    goal,
  };
  const projects = await listProjects(db, filter);
  const user = await getUser(request, context);
  return { projects, options, filter, canCreate: can(user, "project.manage") };
}

export default function Projects() {
  const { t } = useTranslation();
  const { projects, options, filter, canCreate } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("projects.title")}</h1>
      <p className="lead">{t("projects.lead")}</p>
      {canCreate ? (
        <p>
          <Link to="/labbet/nytt-projekt">{t("lab.newProject")}</Link>
        </p>
      ) : null}
      <Form method="get" className="filters" aria-label={t("projects.filter")}>
        <div className="field">
          <label htmlFor="f-area">{t("projects.filterFocusArea")}</label>
          <select id="f-area" name="fokusomrade" defaultValue={filter.focusArea ?? ""}>
            <option value="">{t("projects.allFocusAreas")}</option>
            {options.focusAreas.map((f) => (
              <option key={f.slug} value={f.slug}>
                {f.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-partner">{t("projects.filterPartner")}</label>
          <select id="f-partner" name="part" defaultValue={filter.partner ?? ""}>
            <option value="">{t("projects.allPartners")}</option>
            {options.partners.map((p) => (
              <option key={p.slug} value={p.slug}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-goal">{t("projects.filterGoal")}</label>
          <select id="f-goal" name="mal" defaultValue={filter.goal ?? ""}>
            <option value="">{t("projects.allGoals")}</option>
            {options.goals.map((n) => (
              <option key={n} value={n}>
                {t("goal.label", { n, name: t(`goal.${n}`) })}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="secondary">
          {t("projects.filter")}
        </button>
      </Form>
      {[...groups, ...(projects.some((p) => p.status === "cancelled") ? (["cancelled"] as const) : [])].map((status) => {
        const inGroup = projects.filter((p) => p.status === status);
        return (
          <section key={status} aria-labelledby={`p-${status}`} data-testid={`projects-${status}`}>
            <h2 id={`p-${status}`}>{t(`projects.status.${status}`)}</h2>
            {inGroup.length === 0 ? (
              <p className="muted">{t("projects.none")}</p>
            ) : (
              <ul className="card-list">
                {inGroup.map((p) => (
                  <li key={p.id} className="card">
                    <h3>
                      <Link to={`/projekt/${p.slug}`}>{p.title}</Link>
                    </h3>
                    <p>{p.summary}</p>
                    {p.focusArea ? <p className="muted">{p.focusArea.name}</p> : null}
                    {p.partners.length ? <p className="muted">{p.partners.map((x) => x.name).join(", ")}</p> : null}
                    <GoalTags goals={p.sdgGoals} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
