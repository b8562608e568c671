import fs from "node:fs";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import type { ServerBuild } from "@remix-run/node";
import { chunkFile, findServerReads, serverOnlyMarkers, serverReadsInBrowserBuild } from "../support/browser-bundle";
import { loadBuild } from "../support/server";
import { languageTrees, type Tree } from "../../app/ui/i18n/registry";
import "../../app/ui/i18n/resources.server";

const languageTree = (locale: "sv" | "en") => languageTrees.get(locale)!;

/**
 * Gzipped JavaScript a page may load (KB), its language included. The framework (React, React DOM,
 * Remix) is about 84 KB of it and socket.io-client 14; docs/performance.md says where the rest goes.
 */
const javascriptBudgets: Record<string, number> & { default: number } = {
  default: 180,
  "routes/ideer.$id": 178,
};

// The browser build made by `remix build`: what a browser really runs after hydration.
describe("the browser bundles in public/build", () => {
  let build: ServerBuild;
  beforeAll(async () => {
    build = await loadBuild();
  });

  /** Route id → the chunks its page loads in the browser (its module and everything it imports). */
  function routeChunks(): Map<string, string[]> {
    const chunks = new Map<string, string[]>();
    for (const [id, route] of Object.entries(build.assets.routes)) chunks.set(id, [route.module, ...(route.imports ?? [])]);
    return chunks;
  }

  it("no component reads a value from a .server module (blank, so undefined, in the browser)", () => {
    const { reads, blankModules } = serverReadsInBrowserBuild();
    // Routes import .server modules for their loaders, so the build always has blanked modules; none
    // found would mean the compiler writes them differently and this check went blind.
    expect(blankModules).toBeGreaterThan(10);
    const byChunk = new Map<string, string[]>();
    for (const [id, chunks] of routeChunks()) for (const chunk of chunks) byChunk.set(chunk, [...(byChunk.get(chunk) ?? []), id]);
    const found = reads.map(
      (read) => `${read.name} in ${read.chunk} (routes: ${(byChunk.get(read.chunk) ?? ["?"]).join(", ")}): …${read.excerpt}…`,
    );
    expect(found).toEqual([]);
  });

  it("no route's browser code carries drizzle's pg-core, a database driver or other server-only code", () => {
    const found: string[] = [];
    for (const [id, chunks] of routeChunks()) {
      for (const chunk of chunks) {
        const code = fs.readFileSync(chunkFile(chunk), "utf8");
        for (const marker of serverOnlyMarkers) {
          const match = code.match(marker.pattern);
          if (match) found.push(`${id}: ${marker.what} in ${chunk} (${match[0]})`);
        }
      }
    }
    const entry = [build.assets.entry.module, ...build.assets.entry.imports];
    for (const chunk of entry) {
      const code = fs.readFileSync(chunkFile(chunk), "utf8");
      for (const marker of serverOnlyMarkers) if (marker.pattern.test(code)) found.push(`entry: ${marker.what} in ${chunk}`);
    }
    expect(found).toEqual([]);
  });

  it("the check finds a read of a blanked module, also through a shared chunk", () => {
    const shared = {
      url: "/build/_shared/chunk-A.js",
      code: "var l=(f,m)=>()=>(m||f((m={exports:{}}).exports,m),m.exports);var A=l((e,m)=>{m.exports={}});var B=l((e,m)=>{m.exports={}});export{A as a,B as b};",
    };
    const route = {
      url: "/build/routes/x.js",
      code: 'import{a as S,b as T}from"/build/_shared/chunk-A.js";var i=(x)=>x;var n=i(S(),1),u=i(T(),1);function C(n){return n.barrierSchema}export default function P(){return n.keys.map(k=>k)}',
    };
    const { reads, blankModules } = findServerReads([shared, route]);
    expect(blankModules).toBe(2);
    // `n.keys` is a read of the blank module; the parameter `n` in C shadows it, and `u` is never read.
    expect(reads.map((read) => `${read.chunk} ${read.name}`)).toEqual(["/build/routes/x.js keys"]);
  });

  /** Every chunk a route's page loads: the entry's, and the modules of the route and its parents. */
  function pageChunks(id: string): Set<string> {
    const chunks = new Set([build.assets.entry.module, ...build.assets.entry.imports]);
    for (let route = build.assets.routes[id]; route; route = route.parentId ? build.assets.routes[route.parentId] : undefined!) {
      chunks.add(route.module);
      for (const chunk of route.imports ?? []) chunks.add(chunk);
    }
    return chunks;
  }

  /** The language chunks the entry loads (one per language, `import("/build/_shared/sv-….js")`). */
  function languageChunks(): Map<string, string> {
    const entry = fs.readFileSync(chunkFile(build.assets.entry.module), "utf8");
    return new Map([...entry.matchAll(/import\("(\/build\/_shared\/(sv|en)-[A-Z0-9]+\.js)"\)/g)].map((m) => [m[2], m[1]]));
  }

  const gzipped = (chunk: string) => gzipSync(fs.readFileSync(chunkFile(chunk))).length;
  /** A chunk's code with the compiler's escapes of non-ASCII letters (`\xE5`, `\u00E5`) undone. */
  const readable = (chunk: string) =>
    fs
      .readFileSync(chunkFile(chunk), "utf8")
      .replace(/\\u\{([0-9a-fA-F]+)\}|\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})/g, (_, a, b, c) =>
        String.fromCodePoint(parseInt(a ?? b ?? c, 16)),
      );

  it("sends only the reader's language: each language a chunk of its own, no texts in the other chunks", () => {
    const languages = languageChunks();
    expect([...languages.keys()].sort()).toEqual(["en", "sv"]);
    // Long texts of each language (short ones such as "OK" also occur in code).
    const texts = (locale: "sv" | "en") => {
      const out: string[] = [];
      const walk = (tree: Tree) => {
        for (const value of Object.values(tree)) {
          if (typeof value === "string") {
            if (value.length >= 30 && !value.includes("{{")) out.push(value);
          } else walk(value);
        }
      };
      walk(languageTree(locale));
      return out.filter((text) => JSON.stringify(text) === `"${text}"`).slice(0, 40);
    };
    const cache = new Map<string, string>();
    const readableOf = (chunk: string) => cache.get(chunk) ?? cache.set(chunk, readable(chunk)).get(chunk)!;
    const everyStatic = new Set([...Object.keys(build.assets.routes)].flatMap((id) => [...pageChunks(id)]));
    const found: string[] = [];
    for (const locale of ["sv", "en"] as const) {
      const own = readable(languages.get(locale)!);
      const other = readable(languages.get(locale === "sv" ? "en" : "sv")!);
      const sample = texts(locale);
      expect(sample.length).toBeGreaterThan(20);
      for (const text of sample) {
        if (!own.includes(text)) found.push(`${locale}: missing from its chunk: ${text}`);
        if (other.includes(text)) found.push(`${locale}: in the other language's chunk: ${text}`);
        for (const chunk of everyStatic) if (readableOf(chunk).includes(text)) found.push(`${locale}: in ${chunk}: ${text}`);
      }
    }
    expect(found).toEqual([]);
  });

  it("keeps every page's JavaScript within its budget, gzipped, with the larger language", () => {
    const language = Math.max(...[...languageChunks().values()].map(gzipped));
    const over: string[] = [];
    const sizes: Array<[string, number]> = [];
    for (const id of Object.keys(build.assets.routes)) {
      if (id === "root") continue;
      const total = [...pageChunks(id)].reduce((sum, chunk) => sum + gzipped(chunk), language);
      sizes.push([id, total]);
      const budget = javascriptBudgets[id] ?? javascriptBudgets.default;
      if (total > budget * 1024) over.push(`${id}: ${(total / 1024).toFixed(1)} KB, budget ${budget} KB`);
    }
    // The check can see: the biggest page is well above the smallest (the framework alone is most of it).
    sizes.sort((a, b) => b[1] - a[1]);
    expect(sizes[0][1]).toBeGreaterThan(sizes.at(-1)![1]);
    expect(over).toEqual([]);
  });
});
