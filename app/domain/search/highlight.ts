/**
 * ts_headline marks matches with these private-use characters instead of HTML, so the
 * snippet can be escaped as a whole and only our own markers become <mark> elements.
 */
export const highlightStart = "\uE000";
export const highlightStop = "\uE001";

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c]);
}

/** Escaped HTML where only balanced highlight markers turn into <mark>…</mark>. */
export function highlightToHtml(headline: string): string {
  let html = "";
  let open = false;
  for (const part of headline.split(/([\uE000\uE001])/)) {
    if (part === highlightStart) {
      if (!open) html += "<mark>";
      open = true;
    } else if (part === highlightStop) {
      if (open) html += "</mark>";
      open = false;
    } else {
      html += escapeHtml(part);
    }
  }
  return open ? `${html}</mark>` : html;
}
