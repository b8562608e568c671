import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBuild, startTestServer, type TestServer } from "../support/server";
import { fillPath, fillValues, httpClientsFor, pagesOf, type PageVisit, type Visitor } from "../support/pages";
import { attr, elements, parseHtml, textOf, type Element } from "../support/html";
import type { HttpClient } from "../support/http";

// A reader who chose English gets no Swedish interface text on any page, as any role: every Swedish
// message of the catalog (app/ui/i18n/sv) that differs from its English one is looked for in what the
// page shows and in the attributes assistive technology reads. The forum's content stays as written.
const pages: PageVisit[] = pagesOf(await loadBuild()).filter((p) => p.status === 200 && !p.errorPage);

type Tree = { [key: string]: string | Tree };
function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(name, value);
    else for (const [k, v] of flatten(value, name)) out.set(k, v);
  }
  return out;
}
function catalog(locale: "sv" | "en"): Map<string, string> {
  const dir = path.resolve("app/ui/i18n", locale);
  const all = new Map<string, string>();
  for (const file of fs.readdirSync(dir)) {
    for (const [k, v] of flatten(JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Tree)) all.set(k, v);
  }
  return all;
}

const sv = catalog("sv");
const en = catalog("en");
const englishTexts = new Set(en.values());

/** Whole Swedish messages, for attribute values (an aria-label is often one short word). */
const swedishMessages = new Map(
  [...sv].filter(([key, value]) => en.get(key) !== value && !englishTexts.has(value)).map(([k, v]) => [v, k]),
);

/** Swedish fragments long enough not to occur by chance in text (the text around {{placeholders}}). */
function swedishFragments(): { key: string; text: string }[] {
  const fragments: { key: string; text: string }[] = [];
  for (const [key, value] of sv) {
    if (en.get(key) === value) continue;
    for (const piece of value.split(/\{\{[^}]*\}\}|<[^>]*>|\$t\([^)]*\)/)) {
      const text = piece.trim();
      if (text.length >= 12 && /[a-zåäö]{3}/i.test(text) && !englishTexts.has(text)) fragments.push({ key, text });
    }
  }
  return fragments;
}

const readAttributes = ["aria-label", "title", "placeholder", "alt", "aria-description"];

/**
 * Content written by people is theirs, in their language: Markdown rendered into .prose or .markdown,
 * and the text in a textarea being edited.
 */
const isContent = (element: Element) =>
  element.tagName === "textarea" || /\b(prose|markdown)\b/.test(attr(element, "class") ?? "");

/** The page's text (without people's content) and the attribute values assistive technology reads. */
function shown(html: string): { text: string; attributes: string[] } {
  const tree = parseHtml(html);
  for (const element of elements(tree)) if (isContent(element)) element.childNodes = [];
  const attributes: string[] = [];
  for (const element of elements(tree)) {
    for (const name of readAttributes) {
      const value = attr(element, name);
      if (value) attributes.push(value.trim());
    }
    if (element.tagName === "meta" && attr(element, "name") === "description") attributes.push(attr(element, "content") ?? "");
  }
  return { text: [textOf(tree), ...attributes].join(" \n ").replace(/\s+/g, " "), attributes };
}

describe("every page in English", () => {
  let server: TestServer;
  let clients: Map<Visitor, HttpClient>;
  let values: Map<string, string>;
  const fragments = swedishFragments();

  beforeAll(async () => {
    server = await startTestServer("pglite");
    values = await fillValues(server.database);
    clients = await httpClientsFor(
      server.url,
      pages.map((p) => p.as),
    );
    for (const client of clients.values()) {
      const switched = await client.post("/sprak", { locale: "en", redirectTo: "/" });
      expect(switched.status).toBe(302);
    }
  }, 120_000);
  afterAll(() => server?.close());

  it("finds Swedish messages to look for", () => {
    expect(fragments.length).toBeGreaterThan(300);
    expect(fragments.some((f) => f.text === "Dela en idé")).toBe(false); // shorter than 12: left out
  });

  it.each(pages)("$name shows no Swedish interface text", async (entry) => {
    const response = await clients.get(entry.as)!.get(fillPath(entry.path, values));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(attr(elements(html, "html")[0], "lang")).toBe("en");
    const { text, attributes } = shown(html);
    const found = [
      ...fragments.filter((f) => text.includes(f.text)).map((f) => `${f.key}: ${f.text}`),
      ...attributes.filter((value) => swedishMessages.has(value)).map((value) => `${swedishMessages.get(value)}: ${value}`),
    ];
    expect(found).toEqual([]);
  });
});
