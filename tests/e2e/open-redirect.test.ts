import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import {
  browserRequired,
  demoPassword,
  expectNoErrors,
  hasBrowser,
  launchChromium,
  waitForHydration,
  watchErrors,
} from "../support/browser";
import { startTestServer, type TestServer } from "../support/server";
import { copy } from "../support/copy";

/**
 * Issue 14: a sign-in link with `redirectTo=/<tab>/evil.example/phish` took Chromium to
 * http://evil.example/phish after signing in (the browser drops the tab and reads `//evil.example`).
 * Requests to any other origin are answered by the test itself, so nothing leaves the machine and
 * every attempt to go there is recorded.
 */
describe.skipIf(!hasBrowser && !browserRequired)("open redirect after sign-in in Chromium", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer("pglite"), launchChromium()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // Without JavaScript the CSP's form-action 'self' already stops the browser at the redirect; with it,
  // Remix posts with fetch and then navigates itself, which is where the forum was sent off-site.
  it("signs in through /logga-in?redirectTo=/<tab>/evil.example/phish and stays on the forum", async () => {
    const site = new URL(server.url).origin;
    const context = await browser.newContext({ baseURL: server.url });
    const elsewhere: string[] = [];
    await context.route(
      (url) => url.origin !== site,
      (route) => {
        elsewhere.push(route.request().url());
        return route.fulfill({ status: 200, contentType: "text/html", body: "<title>Phish</title><h1>Phish</h1>" });
      },
    );
    const page = await context.newPage();
    const problems = watchErrors(page);

    // Hydrated, so the sign-in goes through Remix as it did when it was sent off-site.
    await page.goto("/logga-in?redirectTo=%2F%09%2Fevil.example%2Fphish");
    await waitForHydration(page);
    await page.getByLabel(copy("auth.email")).fill("invanare@example.se");
    await page.getByLabel(copy("auth.password")).fill(demoPassword);
    await page.getByRole("button", { name: copy("auth.loginButton") }).click();
    await page.waitForURL((url) => url.origin !== site || !url.pathname.startsWith("/logga-in"));

    expect(new URL(page.url()).origin).toBe(site);
    expect(elsewhere).toEqual([]);
    await expect.poll(() => page.getByRole("link", { name: copy("nav.account") }).isVisible()).toBe(true);
    expectNoErrors(problems);
    await context.close();
  });
});
