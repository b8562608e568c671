import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { browserRequired, demoAccounts, expectAccessible, hasBrowser, launchChromium, signIn } from "../support/browser";
import { startTestServer, type TestServer } from "../support/server";
import { currentCode, goodPassword, newAccount } from "../support/security";
import { createIdeaWithComment } from "../integration/moderation-fixtures";
import { copy } from "../support/copy";

describe.skipIf(!hasBrowser && !browserRequired)("security and privacy pages in Chromium", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer("pglite"), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("has no axe violations on the public pages: privacy policy, forgot password, invalid reset link", async () => {
    const page = await (await browser.newContext({ baseURL: server.url })).newPage();
    for (const path of ["/personuppgifter", "/glomt-losenord", "/aterstall-losenord/inte-en-giltig-lank-alls-nej"]) {
      await page.goto(path);
      await expectAccessible(page, path);
    }
    await page.goto("/glomt-losenord");
    await page.getByLabel(copy("auth.email")).fill("invanare@example.se");
    await page.getByRole("button", { name: copy("security.forgotButton") }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Om adressen hör till ett konto");
    await expectAccessible(page);
    await page.context().close();
  });

  it("enrols in two-factor sign-in, signs in with a code and deletes the account, without axe violations", async () => {
    const db = server.database.db;
    const account = await newAccount(db, "e2e");
    const page = await (await browser.newContext({ baseURL: server.url })).newPage();
    await signIn(page, server.url, account.email, goodPassword);
    await page.goto("/konto");
    await expectAccessible(page);
    await page.getByRole("link", { name: copy("security.twoFactorLink") }).click();
    await page.waitForURL((url) => url.pathname === "/konto/tvastegs");
    await expectAccessible(page);
    await expect.poll(() => page.getByRole("img", { name: /QR-kod/ }).count()).toBe(1);
    await page.getByLabel("Kod").fill(await currentCode(db, account.id));
    await page.getByRole("button", { name: copy("security.enableButton") }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("nu påslagen");
    const codes = await page.locator(".recovery-code-list code").allTextContents();
    expect(codes).toHaveLength(10);
    expect(await page.getByRole("heading", { name: copy("security.recoveryNewTitle") }).count()).toBe(1);
    await expectAccessible(page);

    await page.context().clearCookies();
    await signIn(page, server.url, account.email, goodPassword, { landsOn: "/logga-in/kod" });
    await expectAccessible(page);
    await page.getByLabel("Kod").fill("000000");
    await page.getByRole("button", { name: copy("auth.loginButton") }).click();
    await expect.poll(() => page.locator(".field-error").textContent()).toContain("Koden stämmer inte");
    await expectAccessible(page);
    // The phone is not at hand: a recovery code signs in, once, and the page says how many are left.
    await page.getByLabel("Kod").fill(codes[0]);
    await page.getByRole("button", { name: copy("auth.loginButton") }).click();
    await page.waitForURL((url) => url.pathname === "/konto/tvastegs");
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Du har 9 koder kvar");
    expect(await page.getByText("9 av 10 återställningskoder är oanvända").count()).toBe(1);
    await expectAccessible(page);

    await page.goto("/konto/radera");
    await expectAccessible(page);
    await page.getByRole("button", { name: copy("security.deleteButton") }).click();
    await expect.poll(() => page.locator(".field-error").first().textContent()).toBeTruthy();
    await expectAccessible(page);
    await page.getByLabel(copy("security.deleteKeep")).check();
    await page.getByLabel(copy("security.deletePassword")).fill(goodPassword);
    await page.getByRole("button", { name: copy("security.deleteButton") }).click();
    await page.waitForURL((url) => url.pathname === "/logga-in");
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Ditt konto är raderat");
    await page.context().close();
  });

  it("has no axe violations on the moderator's redaction page", async () => {
    const db = server.database.db;
    const author = await newAccount(db, "e2e-author");
    const { comment } = await createIdeaWithComment(db, author.id, author.id, "Min adress är Storgatan 1");
    const page = await (await browser.newContext({ baseURL: server.url })).newPage();
    await signIn(page, server.url, demoAccounts.moderator);
    await page.goto(`/moderator/personuppgifter?type=comment&id=${comment.id}`);
    await expectAccessible(page);
    await page.getByLabel(copy("security.redactText")).fill("Storgatan 1");
    await page.getByRole("button", { name: copy("security.redactButton") }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("borttagna");
    await expect.poll(() => page.locator("pre").textContent()).toContain("[personuppgift borttagen]");
    await expectAccessible(page);
    await page.context().close();
  });
});
