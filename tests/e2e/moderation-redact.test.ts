import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import {
  browserRequired,
  demoAccounts,
  demoPassword,
  expectNoErrors,
  hasBrowser,
  launchChromium,
  signIn,
  waitForHydration,
  watchErrors,
} from "../support/browser";
import { startTestServer, type TestServer } from "../support/server";
import { newAccount } from "../support/security";
import { createIdeaWithComment } from "../integration/moderation-fixtures";
import { copy } from "../support/copy";

describe.skipIf(!hasBrowser && !browserRequired)("a moderator redacts a comment from the thread in Chromium", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer("pglite"), launchChromium()]);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("follows the thread's redaction link, removes a phone number and comes back to the thread", async () => {
    const db = server.database.db;
    const author = await newAccount(db, "e2e-ide");
    const commenter = await newAccount(db, "e2e-kommentar");
    const phone = "070-111 22 33";
    const { idea, comment } = await createIdeaWithComment(db, author.id, commenter.id, `Ring Lisa på ${phone} i kväll`);
    const context = await browser.newContext({ baseURL: server.url, locale: "sv-SE" });
    const page = await context.newPage();
    const problems = watchErrors(page);
    try {
      const thread = `/ideer/${idea.id}`;
      await signIn(page, server.url, demoAccounts.moderator, demoPassword, { redirectTo: thread });
      await waitForHydration(page);

      const post = page.locator(`#kommentar-${comment.id}`);
      await expect.poll(() => post.textContent()).toContain(phone);
      await post.getByRole("link", { name: copy("security.redactLink") }).click();
      await page.waitForURL(
        (url) => url.pathname === "/moderator/personuppgifter" && url.searchParams.get("id") === String(comment.id),
      );
      await page.getByLabel(copy("security.redactText")).fill(phone);
      await page.getByRole("button", { name: copy("security.redactButton") }).click();
      await expect.poll(() => page.getByRole("status").textContent()).toContain("borttagna");

      await page.getByRole("link", { name: copy("security.redactBack") }).click();
      await page.waitForURL((url) => url.pathname === thread);
      await expect.poll(() => post.textContent()).toContain("Ring Lisa på [personuppgift borttagen] i kväll");
      expect(await page.content()).not.toContain(phone);
      expectNoErrors(problems);
    } finally {
      await context.close();
    }
  }, 180_000);
});
