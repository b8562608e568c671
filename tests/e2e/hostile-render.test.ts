import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { browserRequired, followPage, hasBrowser, launchChromium } from "../support/browser";
import { HttpClient } from "../support/http";
import { startTestServer, unlimited, type TestServer } from "../support/server";
import { padded, xssPayloads } from "../support/hostile-strings";

/** Stored XSS payloads, opened in a real browser: no script may run and no dialog may open. */
describe.skipIf(!hasBrowser && !browserRequired)("hostile text in Chromium", () => {
  let server: TestServer;
  let browser: Browser;
  let ideaPath: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer("pglite", { config: { rateLimits: { comments: unlimited, ideas: unlimited } } }),
      launchChromium(),
    ]);
    const author = new HttpClient(server.url);
    await author.login("invanare2@example.se");
    const created = await author.post("/utmaningar/narvaro-i-skolan/ny-ide", {
      title: `<img src=x onerror=alert(1)> Idé`,
      body: xssPayloads.join("\n\n"),
    });
    expect(created.status).toBe(302);
    ideaPath = created.headers.get("location")!.split("#")[0];
    for (const payload of xssPayloads) {
      const response = await author.post(ideaPath, { intent: "comment", body: padded(payload) });
      expect([302, 409]).toContain(response.status);
    }
    await author.post("/konto", { intent: "name", displayName: `"><svg onload=alert(1)>` });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows the payloads as text on every page they reach", async () => {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    const followed = followPage(page);
    const dialogs: string[] = [];
    const violations: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    for (const path of [
      ideaPath,
      `${ideaPath}/historik`,
      "/utmaningar/narvaro-i-skolan",
      `/sok?q=${encodeURIComponent("<script>alert(1)</script>")}`,
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      // Hydrated and settled: every script the page runs has run.
      await followed.settled();
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), path).toBeUndefined();
      // Hovering and focusing links is where javascript: URLs and handlers would fire.
      for (const link of (await page.locator("main a").all()).slice(0, 40)) {
        const href = await link.getAttribute("href");
        expect(href ?? "", path).not.toMatch(/^\s*(javascript|data|vbscript):/i);
      }
    }
    await page.goto(ideaPath);
    await expect(page.getByText("<script>window.__xss=1;alert(1)</script>").first().isVisible()).resolves.toBe(true);
    expect(dialogs).toEqual([]);
    // Nothing even tried to run inline code that the CSP had to stop.
    expect(violations).toEqual([]);
    await context.close();
  });
});
