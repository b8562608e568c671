import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { browserRequired, expectNoErrors, followPage, hasBrowser, launchChromium, watchErrors } from "../support/browser";
import { loadBuild, startTestServer, type TestServer } from "../support/server";
import { contextsFor, fillPath, fillValues, pagesOf, type PageVisit, type Visitor } from "../support/pages";

// Server-rendered HTML can look right and still crash once React takes over in the browser (a value
// from a .server module is undefined there). So every page is opened in Chromium, by each role that
// uses it, and watched until it has hydrated.
const pages: PageVisit[] = pagesOf(await loadBuild());

describe.skipIf(!hasBrowser && !browserRequired)("every page in Chromium, after hydration", () => {
  let server: TestServer;
  let browser: Browser;
  let contexts: Map<Visitor, BrowserContext>;
  let values: Map<string, string>;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer("pglite"), launchChromium()]);
    values = await fillValues(server.database);
    contexts = await contextsFor(
      browser,
      server.url,
      pages.map((p) => p.as),
    );
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("visits every page of the route manifest (and the pages that need a role or data)", () => {
    const routes = new Set(pages.map((p) => p.routeId));
    expect(routes).toContain("routes/tillganglighet");
    expect(routes).toContain("routes/moderator.installningar");
    expect(routes.size).toBeGreaterThan(40);
    for (const as of ["visitor", "resident", "moderator", "lab_staff", "admin"])
      expect(
        pages.some((p) => p.as === as),
        as,
      ).toBe(true);
  });

  it.each(pages)("$name: loads, hydrates and shows no error", async (entry) => {
    const path = fillPath(entry.path, values);
    const page = await contexts.get(entry.as)!.newPage();
    const target = new URL(path, server.url).href;
    // Chromium reports the document's own non-2xx status as a console error; that status is checked below.
    const problems = watchErrors(page, {
      ignore: (message) =>
        entry.status >= 400 && message.location().url === target && message.text().startsWith("Failed to load resource"),
    });
    const followed = followPage(page);
    try {
      const response = await page.goto(path, { waitUntil: "load" });
      expect(response?.status(), path).toBe(entry.status);
      expect(new URL(page.url()).pathname, "not sent elsewhere").toBe(new URL(path, server.url).pathname);
      // Hydrated, and the effects after it (the live connection, route discovery) have had their chance to fail.
      await followed.settled();
      const errorPage = await page.locator(".error-page").count();
      expect(errorPage, `${path} shows the error page`).toBe(entry.errorPage ? 1 : 0);
      expectNoErrors(problems, path);
    } finally {
      await page.close();
    }
  });
});
