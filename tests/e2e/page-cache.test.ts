import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { sql } from "drizzle-orm";
import { browserRequired, expectNoErrors, hasBrowser, launchChromium, screenshot, watchErrors } from "../support/browser";
import { startTestServer, type TestServer } from "../support/server";
import { HttpClient } from "../support/http";
import { createIdea } from "../../app/domain/ideas/ideas.server";

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/**
 * A page from the cache carries its render's scripts with a stale nonce and a policy that allows
 * them by hash instead: Chromium must run them all, so the page hydrates and goes live.
 */
describe.skipIf(!hasBrowser && !browserRequired)("cached anonymous pages in Chromium", () => {
  let server: TestServer;
  let browser: Browser;
  let ideaPath: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer("pglite", { pageCacheSeconds: 60 }), launchChromium()]);
    const [author] = await server.database.rows<{ id: string }>(sql`select id from users where email = 'labbet@example.se'`);
    const [challenge] = await server.database.rows<{ id: number }>(
      sql`select id from challenges where status = 'open' order by id limit 1`,
    );
    const created = await createIdea(server.database.db, {
      challengeId: challenge.id,
      authorId: author.id,
      title: "Fler bänkar längs ån",
      body: "Sittplatser var hundrade meter, så att fler orkar gå hela vägen.",
    });
    if (!created.ok) throw new Error(`could not create the idea: ${created.problem}`);
    ideaPath = `/ideer/${created.ideaId}`;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("hydrates a page served from the cache, with no CSP violation, and shows a live comment", async () => {
    // Signing in is a POST, which empties the cache: done before the visitor's loads.
    const writer = new HttpClient(server.url);
    await writer.login("invanare2@example.se");

    const context = await browser.newContext({ baseURL: server.url });
    await context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener("securitypolicyviolation", (event) => {
        window.__cspViolations!.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
      });
    });
    const page = await context.newPage();
    const problems = watchErrors(page);
    // A CSP report that is not a console error counts too.
    page.on("console", (message) => {
      if (message.type() !== "error" && /Content Security Policy/i.test(message.text())) problems.push(message.text());
    });

    const first = await page.goto(ideaPath);
    expect(first?.status()).toBe(200);
    expect(first?.headers()["x-page-cache"]).toBe("miss");
    const second = await page.goto(ideaPath);
    expect(second?.status()).toBe(200);
    expect(second?.headers()["x-page-cache"]).toBe("hit");
    const csp = second?.headers()["content-security-policy"] ?? "";
    expect(csp).toContain("'sha256-");
    expect(csp).not.toContain("'nonce-");

    // The live client starts only once React has hydrated: its subscription is the proof.
    await page.waitForFunction((room) => sessionStorage.getItem(`sf-room:${room}`) !== null, `idea:${ideaPath.split("/").pop()}`);
    const posted = await writer.post(ideaPath, { intent: "comment", formId: "comment-new", body: "Gärna vid lekplatsen också." });
    expect(posted.status).toBe(302);
    await page.getByRole("button", { name: "1 ny kommentar – visa" }).click({ timeout: 5_000 });
    await page.getByText("Gärna vid lekplatsen också.").waitFor({ timeout: 2_000 });

    await screenshot(page, "page-cache", { fullPage: true });
    expect(await page.evaluate(() => window.__cspViolations)).toEqual([]);
    expectNoErrors(problems);
    await context.close();
  });
});
