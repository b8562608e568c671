import { useTranslation } from "react-i18next";

/** The challenge's published promotion criteria (the same rule the domain applies). */
export function PromotionCriteria({ threshold }: { threshold: number }) {
  const { t } = useTranslation();
  return (
    <div data-testid="promotion-criteria">
      <h3>{t("threshold.criteriaTitle")}</h3>
      <p>{t("threshold.criteria", { count: threshold })}</p>
      <p>{t("threshold.criteriaKeep")}</p>
    </div>
  );
}
