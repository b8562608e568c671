/** Pure helpers for the spam limits; the database side is in spam.server.ts. */

const linkPattern = /\b(?:https?:\/\/|www\.)[^\s<>()]+|\bmailto:[^\s<>()]+/gi;

/** Links in a post: bare URLs, www. addresses and Markdown links (whose target is a URL). */
export function countLinks(text: string): number {
  return text.match(linkPattern)?.length ?? 0;
}

/** Text compared for "the same text twice": case, spacing and punctuation at the ends do not matter. */
export function normaliseForDuplicate(text: string): string {
  return text.toLocaleLowerCase("sv").replace(/\s+/g, " ").trim();
}
