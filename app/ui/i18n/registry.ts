/**
 * The languages whose texts are loaded in this process: the server has every language
 * (resources.server.ts), the browser the reader's (entry.client.tsx loads it before hydrating).
 */
export type Tree = { [key: string]: string | Tree };

export const languageTrees = new Map<string, Tree>();

export function addLanguage(locale: string, tree: Tree): void {
  languageTrees.set(locale, tree);
}

/** Each area of the app keeps its strings in its own file; they form one tree per language. */
export function merge(...parts: Tree[]): Tree {
  const out: Tree = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      const existing = out[key];
      out[key] = typeof value === "object" && typeof existing === "object" ? merge(existing, value) : value;
    }
  }
  return out;
}
