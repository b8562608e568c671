import { useContext } from "react";
import { getI18n, I18nContext } from "react-i18next";
import type { i18n as I18n, TFunction } from "i18next";

const fixedTs = new WeakMap<I18n, TFunction>();
const maxRemembered = 5_000;

/** A key for a call whose options are all plain values (a count, a name), or null. */
function callKey(key: string, options: unknown): string | null {
  if (options === undefined) return key;
  if (options === null || typeof options !== "object" || Array.isArray(options)) return null;
  let out = key;
  for (const [name, value] of Object.entries(options)) {
    if (
      value !== null &&
      value !== undefined &&
      typeof value !== "string" &&
      typeof value !== "number" &&
      typeof value !== "boolean"
    )
      return null;
    out += `\u0000${name}\u0001${typeof value}:${String(value)}`;
  }
  return out;
}

/**
 * A `t` for one i18next instance that remembers what it returned. Our instances never change
 * language and their resources are bundled and never change, so a key with the same plain options
 * (a count, a name) always gives the same string; i18next's own lookup (key parsing, fallbacks,
 * plural rules, interpolation) costs some microseconds per call, and a page with 200 comments asks
 * for the same few labels thousands of times. Options holding objects (a Date) are not remembered.
 */
function rememberingT(i18n: I18n): TFunction {
  let t = fixedTs.get(i18n);
  if (!t) {
    const fixed = i18n.getFixedT(null, "translation") as unknown as (key: unknown, options?: unknown) => string;
    const remembered = new Map<string, string>();
    t = ((key: string | string[], options?: unknown) => {
      const id = typeof key === "string" ? callKey(key, options) : null;
      if (id === null) return fixed(key, options);
      let text = remembered.get(id);
      if (text === undefined) {
        text = fixed(key, options);
        if (remembered.size >= maxRemembered) remembered.clear();
        remembered.set(id, text);
      }
      return text;
    }) as unknown as TFunction;
    fixedTs.set(i18n, t);
  }
  return t;
}

/**
 * The `t` of useTranslation, for components a page renders hundreds of times (one per comment).
 * react-i18next's own hook copies the whole i18n instance for every component it mounts, and on the
 * server every render mounts: on the idea page that copying cost more than rendering the comments.
 * Our instances never change language (one per locale), so the context's instance is enough.
 */
export function useT(): TFunction {
  const i18n = useContext(I18nContext)?.i18n ?? getI18n();
  return rememberingT(i18n);
}
