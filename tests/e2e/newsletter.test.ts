import fs from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import { newsletterSubscribers } from "../../db/schema";
import { browserRequired, hasBrowser, launchChromium } from "../support/browser";
import { startTestServer, type TestServer } from "../support/server";
import { linkIn, tempOutbox, waitForMail } from "../integration/site-support";

async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

describe.skipIf(!hasBrowser && !browserRequired)("newsletter sign-up and the site pages in Chromium", () => {
  let server: TestServer;
  let browser: Browser;
  let outbox: string;

  beforeAll(async () => {
    outbox = await tempOutbox("e2e-newsletter");
    [server, browser] = await Promise.all([
      startTestServer("pglite", { config: { mail: { outboxDir: outbox } } }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await fs.rm(outbox, { recursive: true, force: true });
  });

  it("signs up, confirms through the link in the mail and unsubscribes with one click", async () => {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    try {
      await page.goto("/aktuellt");
      await page.getByRole("link", { name: "Prenumerera på nyhetsbrevet" }).click();
      await page.getByLabel("E-postadress").fill("webblasare@example.se");
      await page.getByRole("button", { name: "Prenumerera" }).click();
      await expect.poll(() => page.getByRole("status").textContent()).toContain("bekräftelselänk");
      expect(await server.database.db.select().from(newsletterSubscribers)).toEqual([]);

      const mail = await waitForMail(outbox, (m) => m.to === "webblasare@example.se");
      await page.goto(linkIn(mail, "/nyhetsbrev/bekrafta"));
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole("button", { name: "Ja, jag vill prenumerera" }).click();
      await expect.poll(() => page.getByRole("status").textContent()).toContain("Du prenumererar nu");
      const subscribed = await server.database.db.select().from(newsletterSubscribers);
      expect(subscribed.map((s) => s.email)).toEqual(["webblasare@example.se"]);

      const welcome = await waitForMail(outbox, (m) => m.subject.includes("Välkommen"));
      await page.goto(linkIn(welcome, "/nyhetsbrev/avregistrera"));
      await expect.poll(() => page.getByRole("status").textContent()).toContain("Du är borttagen");
      expect(await server.database.db.select().from(newsletterSubscribers)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it.each([
    { path: "/aktuellt", staff: false },
    { path: "/aktuellt/invanardialog-nara-vard", staff: false },
    { path: "/aktuellt/forelasning-inkludera-mera", staff: false },
    { path: "/nyhetsbrev", staff: false },
    { path: "/kontakt", staff: false },
    { path: "/om", staff: false },
    { path: "/", staff: false },
    { path: "/redaktion", staff: true },
    { path: "/redaktion/aktuellt/ny", staff: true },
    { path: "/redaktion/om", staff: true },
    { path: "/redaktion/meddelanden", staff: true },
  ])("$path has no axe violations", async ({ path, staff }) => {
    for (const width of [1280, 360]) {
      const context = await browser.newContext({ baseURL: server.url, viewport: { width, height: 900 } });
      const page = await context.newPage();
      try {
        if (staff) {
          await page.goto("/logga-in");
          await page.getByLabel("E-postadress").fill("labbet@example.se");
          await page.getByLabel("Lösenord").fill("samhallsforum-demo");
          await page.getByRole("button", { name: "Logga in" }).click();
          await page.waitForURL((url) => url.pathname === "/");
        }
        await page.goto(path, { waitUntil: "load" });
        expect(await axeViolations(page), `${path} at ${width}px`).toEqual([]);
        expect(await page.locator("h1").count()).toBe(1);
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
        ).toBeLessThanOrEqual(0);
      } finally {
        await context.close();
      }
    }
  });

  it("shows the contact form's errors without losing the text", async () => {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    try {
      await page.goto("/kontakt");
      await page.getByLabel("Namn").fill("Test");
      await page.getByLabel("E-postadress").fill("fel");
      await page.getByLabel("Meddelande").fill("Ett meddelande som ska finnas kvar.");
      await page.getByRole("button", { name: "Skicka" }).click();
      await expect.poll(() => page.locator(".field-error").first().textContent()).toBeTruthy();
      expect(await page.getByLabel("Meddelande").inputValue()).toBe("Ett meddelande som ska finnas kvar.");
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
