import { translate, defaultLocale, type AppLocale } from "./i18n";

interface MatchLike {
  id: string;
  data?: unknown;
}

function localeOf(matches: MatchLike[]): AppLocale {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: AppLocale } | undefined;
  return root?.locale ?? defaultLocale;
}

/** <title> and description for a page; `key` is an i18n key, `text` a title taken from data. */
export function pageTitle(matches: MatchLike[], title: { key: string } | { text: string }, description?: string) {
  const text = "key" in title ? translate(localeOf(matches), title.key) : title.text;
  return [
    { title: `${text} – ${translate(localeOf(matches), "site.name")}` },
    ...(description ? [{ name: "description", content: description }] : []),
  ];
}

/** Feed autodiscovery: a `<link rel="alternate">` to an Atom feed, titled in the reader's language. */
export function feedLink(matches: MatchLike[], href: string, titleKey: string, options?: Record<string, unknown>) {
  const title = translate(localeOf(matches), titleKey, options);
  return { tagName: "link", rel: "alternate", type: "application/atom+xml", href, title };
}
