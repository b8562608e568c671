import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { sql } from "drizzle-orm";
import { browserRequired, demoAccounts, demoPassword, hasBrowser, launchChromium, signIn, tabTo } from "../support/browser";
import { HttpClient } from "../support/http";
import { startTestServer, type TestServer } from "../support/server";
import { copy } from "../support/copy";

/** Changes a focused <select> with the arrow keys until it holds the value. */
async function arrowTo(page: Page, value: string, limit = 20): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if ((await page.evaluate(() => (document.activeElement as HTMLSelectElement).value)) === value) return;
    await page.keyboard.press("ArrowDown");
  }
  throw new Error(`the option ${value} was not reached with the arrow keys`);
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
    await signIn(resident, server.url, demoAccounts.resident, demoPassword, { redirectTo: ideaPath, keyboard: true });

    await tabTo(resident, "Stöd idén");
    await resident.keyboard.press("Enter");
    await resident.getByRole("button", { name: copy("idea.unsupport") }).waitFor();

    await tabTo(resident, resident.getByRole("button", { name: copy("comment.upvote"), exact: true }));
    await resident.keyboard.press("Enter");
    await resident
      .getByRole("button", { name: /Ta bort din röst/ })
      .first()
      .waitFor();

    await tabTo(resident, resident.getByRole("link", { name: copy("moderation.report.buttonComment"), exact: true }));
    await resident.keyboard.press("Enter");
    await resident.waitForURL(/\/rapportera\?/);
    await tabTo(resident, resident.locator('input[name="reason"]'));
    // Arrow keys move within a radio group and check the option they land on.
    for (let i = 0; i < 6; i++) {
      const checked = await resident.evaluate(() => (document.activeElement as HTMLInputElement).value);
      if (checked === "offensive") break;
      await resident.keyboard.press("ArrowDown");
    }
    expect(await resident.evaluate(() => (document.activeElement as HTMLInputElement).checked)).toBe(true);
    await tabTo(resident, resident.locator("textarea"));
    await resident.keyboard.type("Personangrepp på andra.");
    await tabTo(resident, "Skicka rapporten");
    await resident.keyboard.press("Enter");
    await resident.getByText("Tack! Din rapport har tagits emot").waitFor();

    const moderator = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    await signIn(moderator, server.url, demoAccounts.moderator, demoPassword, { redirectTo: "/moderator", keyboard: true });
    await moderator.getByText("Ni är idioter allihop").first().waitFor();
    await tabTo(moderator, moderator.locator('select[name="beslut"]'));
    await arrowTo(moderator, "hide");
    await tabTo(moderator, moderator.locator('select[name="reasonCategory"]'));
    await arrowTo(moderator, "offensive");
    await tabTo(moderator, moderator.locator('textarea[name="reason"]'));
    await moderator.keyboard.type("Kommentaren angriper andra personligt.");
    await tabTo(moderator, "Verkställ beslutet");
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
