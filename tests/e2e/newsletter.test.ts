import fs from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { newsletterSubscribers } from "../../db/schema";
import {
  browserRequired,
  demoAccounts,
  expectAccessible,
  hasBrowser,
  launchChromium,
  signIn,
  waitForHydration,
} from "../support/browser";
import { startTestServer, type TestServer } from "../support/server";
import { linkIn, tempOutbox, waitForMail } from "../integration/site-support";
import { copy } from "../support/copy";

describe.skipIf(!hasBrowser && !browserRequired)("newsletter sign-up and the site pages in Chromium", () => {
  let server: TestServer;
  let browser: Browser;
  let outbox: string;
  const widths = [1280, 360];
  /** A visitor's and a staff member's context at each width, for the pages that are only looked at. */
  const contexts = new Map<string, BrowserContext>();

  beforeAll(async () => {
    outbox = await tempOutbox("e2e-newsletter");
    [server, browser] = await Promise.all([
      startTestServer("pglite", { config: { mail: { outboxDir: outbox } } }),
      launchChromium(),
    ]);
    // Staff sign in once; the other width's context starts with the same session.
    let storageState: Awaited<ReturnType<BrowserContext["storageState"]>> | undefined;
    for (const width of widths) {
      const options = { baseURL: server.url, viewport: { width, height: 900 } };
      contexts.set(`${width}:visitor`, await browser.newContext(options));
      const staff = await browser.newContext({ ...options, storageState });
      if (!storageState) {
        const page = await staff.newPage();
        await signIn(page, server.url, demoAccounts.lab_staff);
        await page.close();
        storageState = await staff.storageState();
      }
      contexts.set(`${width}:staff`, staff);
    }
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
      await page.getByRole("link", { name: copy("newsletter.cta") }).click();
      await page.getByLabel(copy("newsletter.email")).fill("webblasare@example.se");
      await page.getByRole("button", { name: copy("newsletter.subscribe") }).click();
      await expect.poll(() => page.getByRole("status").textContent()).toContain("bekräftelselänk");
      expect(await server.database.db.select().from(newsletterSubscribers)).toEqual([]);

      const mail = await waitForMail(outbox, (m) => m.to === "webblasare@example.se");
      await page.goto(linkIn(mail, "/nyhetsbrev/bekrafta"));
      await expectAccessible(page);
      await page.getByRole("button", { name: copy("newsletter.confirmButton") }).click();
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
    for (const width of widths) {
      const page = await contexts.get(`${width}:${staff ? "staff" : "visitor"}`)!.newPage();
      try {
        await page.goto(path, { waitUntil: "load" });
        await waitForHydration(page);
        await expectAccessible(page, `${path} at ${width}px`);
        expect(await page.locator("h1").count()).toBe(1);
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
        ).toBeLessThanOrEqual(0);
      } finally {
        await page.close();
      }
    }
  });

  it("shows the contact form's errors without losing the text", async () => {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    try {
      await page.goto("/kontakt");
      await page.getByLabel(copy("contact.name")).fill("Test");
      await page.getByLabel(copy("contact.email")).fill("fel");
      await page.getByLabel(copy("contact.message")).fill("Ett meddelande som ska finnas kvar.");
      await page.getByRole("button", { name: copy("contact.send") }).click();
      await expect.poll(() => page.locator(".field-error").first().textContent()).toBeTruthy();
      expect(await page.getByLabel(copy("contact.message")).inputValue()).toBe("Ett meddelande som ska finnas kvar.");
      await expectAccessible(page);
    } finally {
      await context.close();
    }
  });
});
