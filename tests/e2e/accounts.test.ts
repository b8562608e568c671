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
    await page.getByRole("link", { name: "Logga in" }).click();
    await page.getByRole("link", { name: "Skapa konto" }).click();
    await expect.poll(() => page.url()).toContain("/registrera");

    await page.getByLabel("E-postadress").fill(email);
    await page.getByLabel("Visningsnamn").fill("Wera Webb");
    await page.getByLabel("Lösenord").fill("kort");
    await page.getByRole("button", { name: "Skapa konto" }).click();
    await expect.poll(() => page.getByText("Lösenordet måste ha minst 10 tecken.").isVisible()).toBe(true);
    expect(await page.getByLabel("E-postadress").inputValue()).toBe(email);

    // A common password is refused with words, and what was typed stays (except the password).
    await page.getByLabel("Lösenord").fill("Sommar2024!");
    await page.getByRole("button", { name: "Skapa konto" }).click();
    await expect.poll(() => page.getByText("Lösenordet är för lätt att gissa").isVisible()).toBe(true);
    expect(await page.getByLabel("E-postadress").inputValue()).toBe(email);
    expect(await page.getByLabel("Visningsnamn").inputValue()).toBe("Wera Webb");

    await page.getByLabel("Lösenord").fill("webbens-langa-fras-9");
    await page.getByRole("button", { name: "Skapa konto" }).click();
    // The form says to look in the mailbox; the link in the mail creates the account.
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain(`Vi har skickat ett mejl till ${email}.`);
    const [mail] = await mailsTo(testOutbox, email);
    await page.goto(linkInMail(mail, "/registrera/bekrafta/"));
    await page.getByRole("button", { name: "Skapa mitt konto" }).click();
    await page.waitForURL("**/konto?ny=1");
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Välkommen till Samhällsforum, Wera Webb!");
    const cookie = (await context.cookies()).find((c) => c.name === "sf_session");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");

    await page.getByRole("button", { name: "Logga ut" }).click();
    await page.waitForURL("**/logga-in?utloggad=1");
    await expect.poll(() => page.getByText("Du är utloggad.").isVisible()).toBe(true);
    expect((await context.cookies()).some((c) => c.name === "sf_session")).toBe(false);

    await page.getByLabel("E-postadress").fill(email);
    await page.getByLabel("Lösenord").fill("fel-losenord-helt");
    await page.getByRole("button", { name: "Logga in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toBe("Fel e-postadress eller lösenord.");

    await page.getByLabel("Lösenord").fill("webbens-langa-fras-9");
    await page.getByRole("button", { name: "Logga in" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await expect.poll(() => page.getByRole("link", { name: "Mitt konto" }).isVisible()).toBe(true);
    await page.getByRole("link", { name: "Mitt konto" }).click();
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
    await page.getByRole("button", { name: "Logga ut" }).click();
    await page.waitForURL("**/logga-in?utloggad=1");
    await context.close();
  });
});
