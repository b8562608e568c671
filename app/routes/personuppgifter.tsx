import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pageTitle } from "../ui/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "privacyPage.title" });

const stored = ["what1", "what2", "what3", "what4"] as const;
const kept = ["howLong1", "howLong2", "howLong3", "howLong4", "howLong5", "howLong6"] as const;

/** Personuppgiftspolicy: what is stored, why and for how long (kept in step with the prune job). */
export default function PrivacyPolicy() {
  const { t } = useTranslation();
  return (
    <article className="stack prose">
      <h1>{t("privacyPage.title")}</h1>
      <p>{t("privacyPage.lead")}</p>
      <h2>{t("privacyPage.whatTitle")}</h2>
      <ul>
        {stored.map((key) => (
          <li key={key}>{t(`privacyPage.${key}`)}</li>
        ))}
      </ul>
      <h2>{t("privacyPage.whyTitle")}</h2>
      <p>{t("privacyPage.why")}</p>
      <h2>{t("privacyPage.howLongTitle")}</h2>
      <ul>
        {kept.map((key) => (
          <li key={key}>{t(`privacyPage.${key}`)}</li>
        ))}
      </ul>
      <h2>{t("privacyPage.rightsTitle")}</h2>
      <p>{t("privacyPage.rights")}</p>
      <p>
        <Link to="/konto">{t("privacyPage.accountLink")}</Link>
      </p>
      <h2>{t("privacyPage.contactTitle")}</h2>
      <p>{t("privacyPage.contact")}</p>
    </article>
  );
}
