import type { MetaFunction } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { pageTitle } from "../ui/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "projects.title" });

export default function Projects() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <h1>{t("projects.title")}</h1>
      <p className="lead">{t("projects.lead")}</p>
      {(["upcoming", "ongoing", "completed"] as const).map((status) => (
        <section key={status} aria-labelledby={`p-${status}`}>
          <h2 id={`p-${status}`}>{t(`projects.status.${status}`)}</h2>
          <p className="muted">{t("projects.none")}</p>
        </section>
      ))}
    </div>
  );
}
