import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import {
  browserRequired,
  demoAccounts,
  expectAccessible,
  hasBrowser,
  launchChromium,
  screenshot,
  signIn,
} from "../support/browser";
import { startTestServer, type TestServer } from "../support/server";
import { copy } from "../support/copy";

function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe.skipIf(!hasBrowser && !browserRequired)("the insights page in a browser", () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer("pglite"), launchChromium()]);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
  });

  async function open(width: number, options: { staff?: boolean; javaScript?: boolean } = {}) {
    const context = await browser.newContext({
      baseURL: server.url,
      viewport: { width, height: 900 },
      javaScriptEnabled: options.javaScript ?? true,
    });
    contexts.push(context);
    if (options.staff) {
      const login = await context.newPage();
      await signIn(login, server.url, demoAccounts.moderator);
      await login.close();
    }
    return context.newPage();
  }

  it.each([1280, 360])("has no axe violations and no sideways scrolling at %i px, tables open or closed", async (width) => {
    const page = await open(width);
    await page.goto("/insikter?period=allt");
    await page.getByRole("heading", { level: 1, name: copy("insights.nav") }).waitFor();
    await screenshot(page, `insights-${width}`, { fullPage: true });
    // Close-ups of two cards, to check that chart text stays readable at this width.
    await screenshot(page.locator("section.card").nth(0), `insights-activity-${width}`);
    await screenshot(page.locator("section.card").nth(2), `insights-funnel-${width}`);
    await expectAccessible(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await page.locator("svg[role=img]").count()).toBeGreaterThanOrEqual(4);
    for (const summary of await page.getByText(copy("insights.showTable")).all()) await summary.click();
    await page.getByRole("table", { name: copy("insights.funnel.title") }).waitFor();
    await screenshot(page, `insights-tables-${width}`, { fullPage: true });
    await expectAccessible(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  });

  it.each([1280, 360])("shows staff the moderation figures without axe violations at %i px", async (width) => {
    const page = await open(width, { staff: true });
    await page.goto("/insikter?period=30-dagar");
    await page.getByRole("heading", { level: 2, name: copy("insights.staff.title") }).waitFor();
    await screenshot(page, `insights-staff-${width}`, { fullPage: true });
    await expectAccessible(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: copy("insights.csv.aktivitet") }).click();
    expect((await download).suggestedFilename()).toBe("insikter-aktivitet-30-dagar-alla.csv");
  });

  it("filters without JavaScript and explains a bad choice", async () => {
    const page = await open(1280, { javaScript: false });
    await page.goto("/insikter");
    await page.locator("#i-period").selectOption("30-dagar");
    await page.locator("#i-area").selectOption("nara-vard");
    await page.locator("#i-challenge").selectOption("narvaro-i-skolan");
    await page.getByRole("button", { name: copy("insights.show") }).click();
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("alert").textContent()).toContain("Utmaningen hör inte till det valda fokusområdet");
    await page.locator("#i-area").selectOption("skolresultat");
    await page.getByRole("button", { name: copy("insights.show") }).click();
    await page.getByText("Visar: Senaste 30 dagarna · Fler elever på plats i skolan").waitFor();
  });

  it("shows a bad choice without axe violations", async () => {
    const page = await open(360);
    const response = await page.goto("/insikter?period=7-dagar");
    expect(response?.status()).toBe(400);
    await page.getByRole("alert").waitFor();
    await expectAccessible(page);
  });
});
