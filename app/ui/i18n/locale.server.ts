import { defaultLocale, getI18n, isLocale, type AppLocale } from "./index";

export const localeCookieName = "sf_lang";

/** The visitor's chosen language: the sf_lang cookie, else Swedish. */
export function getLocale(request: Request): AppLocale {
  return localeFromCookies(request.headers.get("Cookie") ?? "");
}

/** The same, from a Cookie header (the server's page cache keys its pages by it). */
export function localeFromCookies(header: string): AppLocale {
  const match = header.match(/(?:^|;\s*)sf_lang=([a-z]{2})/);
  return match && isLocale(match[1]) ? match[1] : defaultLocale;
}

export function localeCookie(locale: AppLocale, secure: boolean): string {
  return `${localeCookieName}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/** A message for the answers the server gives before Remix (refusals), in the language of the request's cookie. */
export function serverMessage(cookieHeader: string | undefined, key: `refusal.${string}`): string {
  return getI18n(localeFromCookies(cookieHeader ?? "")).t(key);
}
