import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { ServerBuild } from "@remix-run/node";
import { chunkFile, findServerReads, serverOnlyMarkers, serverReadsInBrowserBuild } from "../support/browser-bundle";
import { loadBuild } from "../support/server";

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
});
