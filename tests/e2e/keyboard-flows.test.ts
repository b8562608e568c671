import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { sql } from "drizzle-orm";
import { browserRequired, hasBrowser, launchChromium } from "../support/browser";
import { HttpClient } from "../support/http";
import { startTestServer, type TestServer } from "../support/server";

interface Focused {
  tag: string;
  name: string;
  value: string;
  label: string;
  text: string;
}

/** Presses Tab until the focused element matches, as a keyboard user would; no clicks anywhere. */
async function tabTo(page: Page, matches: (el: Focused) => boolean, limit = 150): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      if (!el) return { tag: "", name: "", value: "", label: "", text: "" };
      return {
        tag: el.tagName.toLowerCase(),
        name: el.getAttribute("name") ?? "",
        value: el.value ?? "",
        label: el.labels && el.labels.length ? (el.labels[0].textContent ?? "") : "",
        text: (el.textContent ?? "").trim(),
      };
    });
    if (matches(focused)) return;
  }
  throw new Error("the element was not reached with Tab");
}

/** Changes a focused <select> with the arrow keys until it holds the value. */
async function arrowTo(page: Page, value: string, limit = 20): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if ((await page.evaluate(() => (document.activeElement as HTMLSelectElement).value)) === value) return;
    await page.keyboard.press("ArrowDown");
  }
  throw new Error(`the option ${value} was not reached with the arrow keys`);
}

async function signIn(page: Page, baseUrl: string, email: string, path: string) {
  await page.goto(`${baseUrl}/logga-in?redirectTo=${encodeURIComponent(path)}`);
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord").fill("samhallsforum-demo");
  await page.keyboard.press("Enter");
  await page.waitForURL(`${baseUrl}${path}`);
  await page.getByRole("button", { name: "Logga in" }).waitFor({ state: "detached" });
}

describe.skipIf(!hasBrowser && !browserRequired)("keyboard only: voting, reporting and the moderators' queue", () => {
  let server: TestServer;
  let browser: Browser;
  let ideaPath: string;
  let commentId: number;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer("pglite"), launchChromium()]);
    const author = new HttpClient(server.url);
    await author.login("invanare2@example.se");
    const created = await author.post("/utmaningar/narvaro-i-skolan/ny-ide", {
      title: "Cykelverkstad på fritidsgården",
      body: "Unga lagar cyklar tillsammans med volontärer.",
    });
    expect(created.status).toBe(302);
    ideaPath = created.headers.get("location")!.split("#")[0];
    const comment = await author.post(ideaPath, { intent: "comment", body: "Ni är idioter allihop som inte förstår det här." });
    expect(comment.status).toBe(302);
    commentId = Number(/kommentar-(\d+)/.exec(comment.headers.get("location")!)![1]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("lets a resident support, vote and report, and a moderator hide it, without a mouse", async () => {
    const resident = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    await signIn(resident, server.url, "invanare@example.se", ideaPath);

    await tabTo(resident, (el) => el.tag === "button" && el.text === "Stöd idén");
    await resident.keyboard.press("Enter");
    await resident.getByRole("button", { name: "Ta tillbaka ditt stöd" }).waitFor();

    await tabTo(resident, (el) => el.tag === "button" && el.text.endsWith("Bra kommentar"));
    await resident.keyboard.press("Enter");
    await resident
      .getByRole("button", { name: /Ta bort din röst/ })
      .first()
      .waitFor();

    await tabTo(resident, (el) => el.tag === "a" && el.text === "Rapportera kommentaren");
    await resident.keyboard.press("Enter");
    await resident.waitForURL(/\/rapportera\?/);
    await tabTo(resident, (el) => el.tag === "input" && el.name === "reason");
    // Arrow keys move within a radio group and check the option they land on.
    for (let i = 0; i < 6; i++) {
      const checked = await resident.evaluate(() => (document.activeElement as HTMLInputElement).value);
      if (checked === "offensive") break;
      await resident.keyboard.press("ArrowDown");
    }
    expect(await resident.evaluate(() => (document.activeElement as HTMLInputElement).checked)).toBe(true);
    await tabTo(resident, (el) => el.tag === "textarea");
    await resident.keyboard.type("Personangrepp på andra.");
    await tabTo(resident, (el) => el.tag === "button" && el.text === "Skicka rapporten");
    await resident.keyboard.press("Enter");
    await resident.getByText("Tack! Din rapport har tagits emot").waitFor();

    const moderator = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    await signIn(moderator, server.url, "moderator@example.se", "/moderator");
    await moderator.getByText("Ni är idioter allihop").first().waitFor();
    await tabTo(moderator, (el) => el.tag === "select" && el.name === "beslut");
    await arrowTo(moderator, "hide");
    await tabTo(moderator, (el) => el.tag === "select" && el.name === "reasonCategory");
    await arrowTo(moderator, "offensive");
    await tabTo(moderator, (el) => el.tag === "textarea" && el.name === "reason");
    await moderator.keyboard.type("Kommentaren angriper andra personligt.");
    await tabTo(moderator, (el) => el.tag === "button" && el.text === "Verkställ beslutet");
    await moderator.keyboard.press("Enter");
    await moderator.waitForURL(/\/moderator\?beslut=klart/);

    const [row] = await server.database.rows<{ hidden: boolean }>(sql`select hidden from comments where id = ${commentId}`);
    expect(row.hidden).toBe(true);
    const [support] = await server.database.rows<{ n: number }>(
      sql`select count(*)::int as n from idea_supports s join users u on u.id = s.user_id where u.email = 'invanare@example.se' and s.idea_id = ${Number(ideaPath.split("/").pop())}`,
    );
    expect(Number(support.n)).toBe(1);
  }, 120_000);
});
