import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import { browserRequired, hasBrowser, launchChromium } from "../support/browser";
import { startTestServer, type TestServer } from "../support/server";

// Screenshots are for looking at by hand after a run; they are not part of the repository.
const shotsDir = process.env.SHOTS_DIR ?? "/tmp/shots";

const pages: { name: string; path: string; signedIn?: boolean }[] = [
  { name: "home", path: "/" },
  { name: "challenges", path: "/utmaningar" },
  { name: "challenge", path: "/utmaningar/narvaro-i-skolan" },
  { name: "focus-area", path: "/fokusomraden/skolresultat" },
  { name: "projects", path: "/projekt" },
  { name: "about", path: "/om" },
  { name: "login", path: "/logga-in" },
  { name: "register", path: "/registrera" },
  { name: "not-found", path: "/finns-inte" },
  { name: "account", path: "/konto", signedIn: true },
  { name: "challenge-signed-in", path: "/utmaningar/narvaro-i-skolan", signedIn: true },
];

const widths = [1280, 360];

function describeViolations(violations: Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"]): string[] {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function axe(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return describeViolations(result.violations);
}

/** Content wider than the window makes the page scroll sideways on a phone. */
function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe.skipIf(!hasBrowser && !browserRequired)("accessibility and layout of the pages", () => {
  let server: TestServer;
  let browser: Browser;
  const contexts = new Map<string, BrowserContext>();

  beforeAll(async () => {
    fs.mkdirSync(shotsDir, { recursive: true });
    [server, browser] = await Promise.all([startTestServer("pglite"), launchChromium()]);
    for (const width of widths) {
      for (const signedIn of [false, true]) {
        const context = await browser.newContext({ baseURL: server.url, viewport: { width, height: 900 } });
        if (signedIn) {
          const page = await context.newPage();
          await page.goto("/logga-in");
          await page.getByLabel("E-postadress").fill("invanare@example.se");
          await page.getByLabel("Lösenord").fill("samhallsforum-demo");
          await page.getByRole("button", { name: "Logga in" }).click();
          await page.waitForURL((url) => url.pathname === "/");
          await page.close();
        }
        contexts.set(`${width}:${signedIn}`, context);
      }
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe.each(widths)("at %i px", (width) => {
    it.each(pages)("$name has no axe violations and no sideways scrolling", async ({ name, path, signedIn }) => {
      const page = await contexts.get(`${width}:${Boolean(signedIn)}`)!.newPage();
      try {
        await page.goto(path, { waitUntil: "load" });
        await page.screenshot({ path: `${shotsDir}/${name}-${width}.png`, fullPage: true });
        expect(await axe(page)).toEqual([]);
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        expect(await page.locator("h1").count()).toBe(1);
        expect(await page.locator("main").count()).toBe(1);
      } finally {
        await page.close();
      }
    });
  });

  it("a form with errors has no axe violations", async () => {
    const page = await contexts.get("360:false")!.newPage();
    try {
      await page.goto("/registrera");
      await page.getByLabel("E-postadress").fill("inte-en-adress");
      await page.getByRole("button", { name: "Skapa konto" }).click();
      await page.getByText("Ange en giltig e-postadress.").waitFor();
      await page.screenshot({ path: `${shotsDir}/register-errors-360.png`, fullPage: true });
      expect(await axe(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("the English pages have no axe violations", async () => {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto("/om");
      await page.getByRole("button", { name: "In English" }).click();
      await page.getByRole("heading", { level: 1, name: "About Samhällskontraktet" }).waitFor();
      expect(await page.getAttribute("html", "lang")).toBe("en");
      await page.screenshot({ path: `${shotsDir}/about-en-1280.png`, fullPage: true });
      expect(await axe(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
