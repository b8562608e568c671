import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import {
  browserRequired,
  demoAccounts,
  expectNoErrors,
  hasBrowser,
  launchChromium,
  signIn,
  watchErrors,
} from "../support/browser";
import { startTestServer, type TestServer } from "../support/server";
import { linkInMail, mailsTo } from "../support/security";
import { testOutbox } from "../support/outbox";
import { copy } from "../support/copy";

describe.skipIf(!hasBrowser && !browserRequired)("accounts in Chromium", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer("pglite"), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("registers, logs out and logs in again", async () => {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    // Expected refusals (400 responses) are logged by Chromium as failed resources; nothing else may be.
    const problems = watchErrors(page, { ignore: (message) => message.text().includes("status of 400") });

    const email = `webbläsare-${Date.now()}@example.se`.replace("ä", "a");
    await page.goto("/");
    await page.getByRole("link", { name: copy("nav.login") }).click();
    await page.getByRole("link", { name: copy("nav.register") }).click();
    await expect.poll(() => page.url()).toContain("/registrera");

    await page.getByLabel(copy("auth.email")).fill(email);
    await page.getByLabel(copy("auth.displayName")).fill("Wera Webb");
    await page.getByLabel(copy("auth.password")).fill("kort");
    await page.getByRole("button", { name: copy("auth.registerButton") }).click();
    await expect.poll(() => page.getByText(copy("validation.passwordTooShort")).isVisible()).toBe(true);
    expect(await page.getByLabel(copy("auth.email")).inputValue()).toBe(email);

    // A common password is refused with words, and what was typed stays (except the password).
    await page.getByLabel(copy("auth.password")).fill("Sommar2024!");
    await page.getByRole("button", { name: copy("auth.registerButton") }).click();
    await expect.poll(() => page.getByText("Lösenordet är för lätt att gissa").isVisible()).toBe(true);
    expect(await page.getByLabel(copy("auth.email")).inputValue()).toBe(email);
    expect(await page.getByLabel(copy("auth.displayName")).inputValue()).toBe("Wera Webb");

    await page.getByLabel(copy("auth.password")).fill("webbens-langa-fras-9");
    await page.getByRole("button", { name: copy("auth.registerButton") }).click();
    // The form says to look in the mailbox; the link in the mail creates the account.
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain(`Vi har skickat ett mejl till ${email}.`);
    const [mail] = await mailsTo(testOutbox, email);
    await page.goto(linkInMail(mail, "/registrera/bekrafta/"));
    await page.getByRole("button", { name: copy("auth.confirmButton") }).click();
    await page.waitForURL("**/konto?ny=1");
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Välkommen till Samhällsforum, Wera Webb!");
    const cookie = (await context.cookies()).find((c) => c.name === "sf_session");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");

    await page.getByRole("button", { name: copy("nav.logout") }).click();
    await page.waitForURL("**/logga-in?utloggad=1");
    await expect.poll(() => page.getByText(copy("auth.loggedOut")).isVisible()).toBe(true);
    expect((await context.cookies()).some((c) => c.name === "sf_session")).toBe(false);

    await page.getByLabel(copy("auth.email")).fill(email);
    await page.getByLabel(copy("auth.password")).fill("fel-losenord-helt");
    await page.getByRole("button", { name: copy("auth.loginButton") }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toBe("Fel e-postadress eller lösenord.");

    await page.getByLabel(copy("auth.password")).fill("webbens-langa-fras-9");
    await page.getByRole("button", { name: copy("auth.loginButton") }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await expect.poll(() => page.getByRole("link", { name: copy("nav.account") }).isVisible()).toBe(true);
    await page.getByRole("link", { name: copy("nav.account") }).click();
    await expect.poll(() => page.getByText(`Inloggad som ${email}`).isVisible()).toBe(true);

    expectNoErrors(problems);
    await context.close();
  });

  it("works without JavaScript too", async () => {
    const context = await browser.newContext({ baseURL: server.url, javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, server.url, demoAccounts.resident);
    await page.goto("/konto");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Mitt konto");
    await page.getByRole("button", { name: copy("nav.logout") }).click();
    await page.waitForURL("**/logga-in?utloggad=1");
    await context.close();
  });
});
