import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "../format-date";
import { FollowButton } from "../FollowButton";
import { isActiveIdea } from "../../domain/content/rules";

export interface IdeaLab {
  status: string;
  progress: { current: number; threshold: number };
  belowAfterReaching: boolean;
  project: { slug: string; title: string; status: string; resultsHtml: string | null } | null;
  decisions: { id: number; action: string; reason: string | null; createdAt: Date | string }[];
}

/** The idea's way towards the lab: progress, the decision with its reason, and the project it became. */
export function IdeaLabPanel({ ideaId, lab, following }: { ideaId: number; lab: IdeaLab; following: boolean | null }) {
  const { t, i18n } = useTranslation();
  const { current, threshold } = lab.progress;
  const declined = lab.decisions.find((d) => d.action === "idea.decline");
  return (
    <section className="card lab-panel" aria-labelledby="lab-panel-heading" data-testid="idea-lab-panel">
      <h2 id="lab-panel-heading">{t("threshold.pathTitle")}</h2>
      {isActiveIdea(lab.status) ? (
        <p>
          <label htmlFor={`progress-${ideaId}`}>{t("threshold.progressLabel")}: </label>
          <progress
            id={`progress-${ideaId}`}
            className="progress-bar"
            max={threshold}
            value={Math.min(current, threshold)}
          />{" "}
          <span data-testid="threshold-progress">{t("threshold.progress", { current, threshold })}</span>
        </p>
      ) : null}
      {lab.status === "ready_for_review" ? (
        <p className="notice">{lab.belowAfterReaching ? t("threshold.readyBelow") : t("threshold.ready")}</p>
      ) : null}
      {lab.project ? (
        <div className="notice" data-testid="promoted-banner">
          <p>
            {t("threshold.promoted")}{" "}
            <Link to={`/projekt/${lab.project.slug}`}>{t("threshold.promotedLink", { title: lab.project.title })}</Link>
          </p>
          <ol className="idea-path" aria-label={t("threshold.pathTitle")}>
            <li>{t("threshold.pathIdea")}</li>
            <li>
              {t("threshold.pathProject")}: {t(`projects.statusOne.${lab.project.status}`)}
            </li>
            {lab.project.status === "completed" ? <li>{t("threshold.pathResult")}</li> : null}
          </ol>
          {lab.project.resultsHtml ? (
            <section aria-labelledby="idea-results-heading" data-testid="project-results">
              <h3 id="idea-results-heading">{t("threshold.resultsTitle")}</h3>
              <div className="prose" dangerouslySetInnerHTML={{ __html: lab.project.resultsHtml }} />
              <p>
                <Link to={`/projekt/${lab.project.slug}#resultat`}>{t("threshold.resultsLink")}</Link>
              </p>
            </section>
          ) : null}
        </div>
      ) : null}
      {lab.status === "declined" ? (
        <p className="notice" data-testid="declined-banner">
          {t("threshold.declined")} {declined?.reason ? `${t("threshold.reasonLabel")} ${declined.reason}` : null}
        </p>
      ) : null}
      {lab.decisions.length ? (
        <>
          <h3>{t("threshold.historyTitle")}</h3>
          <ul>
            {lab.decisions.map((d) => (
              <li key={d.id}>
                {formatDate(d.createdAt, i18n.language)}:{" "}
                {d.action === "idea.promote" ? t("threshold.historyPromote") : t("threshold.historyDecline")}
                {d.reason ? ` – ${t("threshold.reasonLabel")} ${d.reason}` : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {following !== null ? (
        <FollowButton
          targetType="idea"
          targetId={ideaId}
          following={following}
          labels={{ on: t("follow.idea"), off: t("follow.ideaOff") }}
        />
      ) : null}
    </section>
  );
}
