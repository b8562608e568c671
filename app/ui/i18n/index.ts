import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { languageTrees } from "./registry";
// Both languages on the server. Imported for its effect only, so nothing is read from it: the browser
// build leaves the .server module out and loads just the reader's language (entry.client.tsx).
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- an import for its effect, see above
import "./resources.server";

export const supportedLocales = ["sv", "en"] as const;
export type AppLocale = (typeof supportedLocales)[number];
export const defaultLocale: AppLocale = "sv";

/** Whether `locale`'s texts are loaded here (in the browser only the reader's language is). */
export function hasLanguage(locale: AppLocale): boolean {
  return languageTrees.has(locale);
}

export function isLocale(value: unknown): value is AppLocale {
  return typeof value === "string" && (supportedLocales as readonly string[]).includes(value);
}

const instances = new Map<AppLocale, i18n>();

/**
 * One ready i18next instance per language, from the languages loaded so far (registry.ts): both on
 * the server, the reader's in the browser. Synchronous: the resources are in memory.
 */
export function getI18n(locale: AppLocale): i18n {
  let instance = instances.get(locale);
  if (!instance) {
    instance = i18next.createInstance();
    void instance.use(initReactI18next).init({
      lng: locale,
      fallbackLng: defaultLocale,
      resources: {},
      interpolation: { escapeValue: false },
      initAsync: false,
      returnNull: false,
    });
    instances.set(locale, instance);
  }
  // A language loaded after the instance was made (in the browser, before hydrating) joins it.
  if (bundled.get(instance) !== languageTrees.size) {
    for (const [language, tree] of languageTrees)
      if (!instance.hasResourceBundle(language, "translation")) instance.addResourceBundle(language, "translation", tree);
    bundled.set(instance, languageTrees.size);
  }
  return instance;
}

/** How many languages each instance has been given. */
const bundled = new WeakMap<i18n, number>();

/** Translates outside React (actions, meta). */
export function translate(locale: AppLocale, key: string, options?: Record<string, unknown>): string {
  return getI18n(locale).t(key, options);
}
