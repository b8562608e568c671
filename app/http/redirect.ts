/**
 * The one place that decides where the site may send someone after a form or a sign-in
 * (`redirectTo`, `tillbaka`, a notification's link…). Only a path on this site is followed;
 * anything else gives `fallback`, which must itself be a constant path of the site.
 *
 * A target is accepted when all of these hold:
 * - it is a string of at most `maxLength` printable ASCII characters (no spaces, tabs, CR/LF or
 *   other control characters, no U+3000 or other Unicode whitespace, no look-alike slashes:
 *   the site's own links are percent-encoded, so a raw non-ASCII character never comes from it);
 * - it holds no backslash (browsers read `\` as `/`);
 * - it starts with one `/` and not with `//` (another host); its path (before `?` or `#`) does so
 *   also after percent-decoding and holds no backslash, blank or control character then either, so
 *   `/%2F%2Fevil`, `/%5Cevil` or `/%09/evil` are refused as well, and a path that does not decode is refused;
 * - resolved against a placeholder origin it stays on that origin and its path does not start with
 *   `//` (as `/.//evil` or `/a/..//evil` would after dot-segment removal).
 *
 * The answer is the resolved path, query and fragment, so what the browser follows is exactly what was checked.
 */
export function safeRedirect(target: unknown, fallback = "/"): string {
  if (typeof target !== "string" || target.length === 0 || target.length > maxLength) return fallback;
  if (!/^[\x21-\x7e]+$/.test(target) || target.includes("\\")) return fallback;
  if (!startsAsLocalPath(target)) return fallback;
  // The path (not the query or fragment, where an encoded value is only data) must stay clean once decoded.
  const decodedPath = fullyDecoded(target.split(/[?#]/, 1)[0]);
  if (decodedPath === null || !startsAsLocalPath(decodedPath) || /[\\\s\p{Cc}\p{Cf}]/u.test(decodedPath)) return fallback;
  const url = staysHere(target);
  if (!url || !staysHere(decodedPath)) return fallback;
  return url.pathname + url.search + url.hash;
}

const maxLength = 2048;
const placeholderOrigin = "http://redirect.invalid";

/** The path resolved against the placeholder origin, or null when it leaves it or its path begins with `//`. */
function staysHere(path: string): URL | null {
  try {
    const url = new URL(path, placeholderOrigin);
    return url.origin === placeholderOrigin && !url.pathname.startsWith("//") ? url : null;
  } catch {
    return null;
  }
}

/** One slash, then something that is neither a slash nor a backslash, nor blank or a control character before one. */
function startsAsLocalPath(path: string): boolean {
  return /^\/(?![\s\p{Cc}\p{Cf}]*[/\\])/u.test(path);
}

/** Percent-decodes until nothing changes (a few rounds at most); null when it does not decode. */
function fullyDecoded(value: string): string | null {
  let current = value;
  for (let round = 0; round < 5; round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) return current;
    current = next;
  }
  return null;
}
