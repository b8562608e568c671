import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import svCommon from "./sv/common.json";
import svForum from "./sv/forum.json";
import svLive from "./sv/live.json";
import svModeration from "./sv/moderation.json";
import svLab from "./sv/lab.json";
import svInsights from "./sv/insights.json";
import svSite from "./sv/site.json";
import svAccessibility from "./sv/accessibility.json";
import svPrivacy from "./sv/privacy.json";
import svErrors from "./sv/errors.json";
import enCommon from "./en/common.json";
import enForum from "./en/forum.json";
import enLive from "./en/live.json";
import enModeration from "./en/moderation.json";
import enLab from "./en/lab.json";
import enInsights from "./en/insights.json";
import enSite from "./en/site.json";
import enAccessibility from "./en/accessibility.json";
import enPrivacy from "./en/privacy.json";
import enErrors from "./en/errors.json";

type Tree = { [key: string]: string | Tree };

/** Each area of the app keeps its strings in its own file; they form one tree per language. */
function merge(...parts: Tree[]): Tree {
  const out: Tree = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      const existing = out[key];
      out[key] = typeof value === "object" && typeof existing === "object" ? merge(existing, value) : value;
    }
  }
  return out;
}

const sv = merge(svCommon, svForum, svLive, svModeration, svLab, svAccessibility, svSite, svInsights, svPrivacy, svErrors);
const en = merge(enCommon, enForum, enLive, enModeration, enLab, enAccessibility, enSite, enInsights, enPrivacy, enErrors);

export const supportedLocales = ["sv", "en"] as const;
export type AppLocale = (typeof supportedLocales)[number];
export const defaultLocale: AppLocale = "sv";

export function isLocale(value: unknown): value is AppLocale {
  return typeof value === "string" && (supportedLocales as readonly string[]).includes(value);
}

const instances = new Map<AppLocale, i18n>();

/** One ready i18next instance per language; resources are bundled, so it is synchronous. */
export function getI18n(locale: AppLocale): i18n {
  let instance = instances.get(locale);
  if (!instance) {
    instance = i18next.createInstance();
    void instance.use(initReactI18next).init({
      lng: locale,
      fallbackLng: defaultLocale,
      resources: { sv: { translation: sv }, en: { translation: en } },
      interpolation: { escapeValue: false },
      initAsync: false,
      returnNull: false,
    });
    instances.set(locale, instance);
  }
  return instance;
}

/** Translates outside React (actions, meta). */
export function translate(locale: AppLocale, key: string, options?: Record<string, unknown>): string {
  return getI18n(locale).t(key, options);
}
