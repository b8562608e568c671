import { LRUCache } from "lru-cache";
import MarkdownIt from "markdown-it";

const allowedProtocols = /^(https?:|mailto:)/i;

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

// Only http, https and mailto links; relative links stay on this site. Everything else is text.
md.validateLink = (url: string) => {
  const trimmed = url.trim();
  if (allowedProtocols.test(trimmed)) return true;
  return !/^[a-z][a-z0-9+.-]*:/i.test(trimmed) && !trimmed.startsWith("//");
};

const defaultLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet("rel", "nofollow ugc noopener");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

// User text must not turn into images that load from anywhere (tracking pixels, CSP noise).
md.disable(["image"]);

/**
 * Rendered texts by their source: a page shows the same ideas and comments to every reader, and a
 * write renders its text once for the spam check and once for the page. The same source always
 * renders to the same HTML, so a cached result is the result. Bounded by characters held (source
 * and HTML, about 16 MB at two bytes a character).
 */
const rendered = new LRUCache<string, string>({
  maxSize: 8_000_000,
  // At least 1: the cache refuses a size of 0 (an empty text).
  sizeCalculation: (html, source) => html.length + source.length + 1,
});

/** Renders user-written Markdown to safe HTML (raw HTML is escaped, links allow-listed). */
export function renderMarkdown(source: string): string {
  let html = rendered.get(source);
  if (html === undefined) {
    html = md.render(source);
    // A text too large for the cache (over an eighth of it) is rendered each time instead.
    if (html.length + source.length <= 1_000_000) rendered.set(source, html);
  }
  return html;
}
