import { getI18n, type AppLocale } from "../../app/ui/i18n";

/**
 * The text a page shows for a message key, as the app renders it: tests assert on keys, so a change of
 * wording is a change of one JSON file, not of every test that reads the sentence.
 */
export function copy(key: string, options: Record<string, unknown> = {}, locale: AppLocale = "sv"): string {
  const i18n = getI18n(locale);
  if (!i18n.exists(key, options)) throw new Error(`No message "${key}" in ${locale}`);
  return i18n.t(key, options);
}
