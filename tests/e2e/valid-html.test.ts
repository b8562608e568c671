import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserRequired } from "../support/browser";
import { loadBuild, startTestServer, type TestServer } from "../support/server";
import { fillPath, fillValues, httpClientsFor, pagesOf, type PageVisit } from "../support/pages";

// The W3C Nu HTML Checker (the vnu-jar package) over the HTML of every page as the server sends it.
// It needs Java; CI (REQUIRE_BROWSER=1) must have it, elsewhere the test is skipped by name.
const vnuJar = path.resolve("node_modules/vnu-jar/build/dist/vnu.jar");
const hasJava = spawnSync("java", ["-version"], { stdio: "ignore" }).status === 0 && fs.existsSync(vnuJar);
const pages: PageVisit[] = pagesOf(await loadBuild());

interface VnuMessage {
  type: "error" | "info" | "non-document-error";
  subType?: string;
  url?: string;
  message: string;
  extract?: string;
  lastLine?: number;
}

describe.skipIf(!hasJava && !browserRequired)(
  `every page is valid HTML (Nu HTML Checker${hasJava ? "" : ": skipped, Java not found"})`,
  () => {
    let server: TestServer;
    let dir: string;
    const files = new Map<string, PageVisit>();

    beforeAll(async () => {
      if (!hasJava) throw new Error("Java (and node_modules/vnu-jar) are needed for the Nu HTML Checker");
      server = await startTestServer("pglite");
      const values = await fillValues(server.database);
      const clients = await httpClientsFor(
        server.url,
        pages.map((p) => p.as),
      );
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "samhallsforum-html-"));
      let n = 0;
      for (const entry of pages) {
        const response = await clients.get(entry.as)!.get(fillPath(entry.path, values));
        expect(response.status, `${entry.name}: ${entry.path}`).toBe(entry.status);
        const file = path.join(dir, `${String(++n).padStart(3, "0")}.html`);
        fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
        files.set(file, entry);
      }
    }, 120_000);
    afterAll(async () => {
      await server?.close();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it("has no errors on any page, as any role", () => {
      // One run over all files: the JVM's start-up is most of the time.
      const run = spawnSync(
        "java",
        ["-Xss1m", "-jar", vnuJar, "--format", "json", "--stdout", "--exit-zero-always", ...files.keys()],
        {
          encoding: "utf8",
          maxBuffer: 64 * 1024 * 1024,
        },
      );
      expect(run.status, run.stderr).toBe(0);
      const { messages } = JSON.parse(run.stdout) as { messages: VnuMessage[] };
      const errors = messages
        .filter((m) => m.type !== "info")
        .map((m) => {
          const entry = m.url ? files.get(new URL(m.url).pathname) : undefined;
          return `${entry ? `${entry.name} (${entry.path})` : m.url}, line ${m.lastLine}: ${m.message} …${m.extract ?? ""}…`;
        });
      expect(errors).toEqual([]);
      // The checker did read every page (a file it could not read would be a non-document error above).
      expect(files.size).toBe(pages.length);
    }, 120_000);
  },
);
