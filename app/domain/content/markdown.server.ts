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

/** Renders user-written Markdown to safe HTML (raw HTML is escaped, links allow-listed). */
export function renderMarkdown(source: string): string {
  return md.render(source);
}
