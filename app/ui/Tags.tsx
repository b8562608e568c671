import { useTranslation } from "react-i18next";

export function GoalTags({ goals }: { goals: number[] }) {
  const { t } = useTranslation();
  if (goals.length === 0) return null;
  return (
    <ul className="tags goals" aria-label={t("challenge.goals")}>
      {goals.map((n) => (
        <li key={n}>{t("goal.label", { n, name: t(`goal.${n}`) })}</li>
      ))}
    </ul>
  );
}

export function PerspectiveTags({ perspectives }: { perspectives: string[] }) {
  const { t } = useTranslation();
  if (perspectives.length === 0) return null;
  return (
    <ul className="tags" aria-label={t("challenge.perspectives")}>
      {perspectives.map((p) => (
        <li key={p}>{t(`perspective.${p}`)}</li>
      ))}
    </ul>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${status}`}>{t(`challenge.status.${status}`)}</span>;
}
