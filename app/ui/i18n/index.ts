import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import sv from "./sv.json";
import en from "./en.json";

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
