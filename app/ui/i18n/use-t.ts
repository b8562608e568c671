import { useContext, useMemo } from "react";
import { getI18n, I18nContext } from "react-i18next";

/**
 * The `t` of useTranslation, for components a page renders hundreds of times (one per comment).
 * react-i18next's own hook copies the whole i18n instance for every component it mounts, and on the
 * server every render mounts: on the idea page that copying cost more than rendering the comments.
 * Our instances never change language (one per locale), so the context's instance is enough.
 */
export function useT() {
  const i18n = useContext(I18nContext)?.i18n ?? getI18n();
  return useMemo(() => i18n.getFixedT(null, "translation"), [i18n]);
}
