import { createContext, useContext } from "react";

/**
 * Rendered Markdown that a page carries once, in its markup, not also in its loader data: a
 * document request moves each comment's HTML into the load context (app/http/page-comments.server.ts),
 * the server renders it from there (this context, provided by entry.server), and in the browser it
 * is read back from the elements the server rendered (data-html) before React hydrates them. Data
 * requests (client navigations, live revalidation) carry the HTML in their data as before.
 */
/** The key a comment's HTML has in the document (data-html) and in the load context. */
export const commentHtmlKey = (id: number) => `kommentar-${id}`;

const ServerDocumentHtml = createContext<ReadonlyMap<string, string> | null>(null);

export const DocumentHtmlProvider = ServerDocumentHtml.Provider;

let inDocument: Map<string, string> | undefined;

/** The HTML of every data-html element of the document the browser loaded, read once. */
function fromDocument(key: string): string {
  if (!inDocument) {
    inDocument = new Map();
    for (const element of document.querySelectorAll<HTMLElement>("[data-html]")) {
      inDocument.set(element.dataset.html ?? "", element.innerHTML);
    }
  }
  return inDocument.get(key) ?? "";
}

/** The HTML under `key`: from the data when it is there (`html`), else from the document. */
export function useDocumentHtml(key: string, html: string | null | undefined): string {
  const server = useContext(ServerDocumentHtml);
  if (typeof html === "string") return html;
  if (server) return server.get(key) ?? "";
  return typeof document === "undefined" ? "" : fromDocument(key);
}
