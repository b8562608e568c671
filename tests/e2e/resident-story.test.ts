import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { browserRequired, demoPassword, expectAccessible, hasBrowser, launchChromium, signIn, tabTo } from "../support/browser";
import { startTestServer, type TestServer } from "../support/server";
import { linkInMail, mailsTo } from "../support/security";
import { testOutbox } from "../support/outbox";
import { copy } from "../support/copy";

describe.skipIf(!hasBrowser && !browserRequired)("a resident's idea, from registration to search", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer("pglite"), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("registers, posts an idea, gets comments, a reply and support, and is found by search", async () => {
    const author = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    await author.goto(`${server.url}/registrera`);
    await author.getByLabel(copy("auth.email")).fill("ny.invanare@example.se");
    await author.getByLabel(copy("auth.displayName")).fill("Nora Nyinflyttad");
    await author.getByLabel(copy("auth.password")).fill("kanelbulle-tisdag-2025");
    await author.getByRole("button", { name: copy("auth.registerButton") }).click();
    await author.getByText("Vi har skickat ett mejl till ny.invanare@example.se.").waitFor();
    const [confirmation] = await mailsTo(testOutbox, "ny.invanare@example.se");
    await author.goto(linkInMail(confirmation, "/registrera/bekrafta/"));
    await author.getByRole("button", { name: copy("auth.confirmButton") }).click();
    await author.waitForURL(/\/konto/);

    await author.goto(`${server.url}/utmaningar/narvaro-i-skolan`);
    await expectAccessible(author, "the challenge page");
    await author.getByRole("link", { name: copy("idea.share") }).click();
    await author.waitForURL(/\/ny-ide$/);
    await author.getByLabel(copy("idea.title")).fill("Läxcafé på biblioteket");
    await author
      .getByLabel(copy("idea.body"))
      .fill("Läxhjälp ger bättre **skolresultat** för fler elever.\n\n- tisdagar efter skolan\n- torsdagar med mentorer");
    await author.getByRole("button", { name: copy("idea.publish") }).click();
    await author.waitForURL(/\/ideer\/\d+$/);
    const ideaUrl = author.url();
    await expect.poll(() => author.locator(".idea strong").first().textContent()).toBe("skolresultat");
    expect(await author.locator(".idea li").allTextContents()).toEqual(["tisdagar efter skolan", "torsdagar med mentorer"]);
    await expectAccessible(author, "the idea page");

    // The second resident comments using the keyboard only.
    const neighbour = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    await signIn(neighbour, server.url, "invanare2@example.se", demoPassword, { redirectTo: new URL(ideaUrl).pathname });
    await tabTo(neighbour, neighbour.locator("textarea").and(neighbour.getByLabel("Din kommentar", { exact: true })), 80);
    await neighbour.keyboard.type("Bra idé! Biblioteket har redan tomma grupprum på eftermiddagarna.");
    await tabTo(neighbour, "Skicka kommentar", 80);
    await neighbour.keyboard.press("Enter");
    await expect.poll(() => neighbour.locator(".comments").textContent()).toContain("Biblioteket har redan tomma grupprum");
    // The posted text has left the box, so it is not sent twice.
    await expect.poll(() => neighbour.getByLabel(copy("comment.body")).inputValue()).toBe("");
    // The same text again is refused as a duplicate, and the box keeps it.
    const again = "Bra idé! Biblioteket har redan tomma grupprum på eftermiddagarna.";
    await neighbour.getByLabel(copy("comment.body")).fill(again);
    await neighbour.getByRole("button", { name: copy("comment.submit") }).click();
    await neighbour
      .locator(".comment-form")
      .getByText(/redan skrivit|samma text/i)
      .waitFor();
    expect(await neighbour.getByLabel(copy("comment.body")).inputValue()).toBe(again);

    await neighbour
      .getByRole("link", { name: /^Svara/ })
      .first()
      .click();
    await neighbour.getByLabel("Svara Erik Grannsson").fill("Jag kan fråga bibliotekarien om torsdagar också.");
    await neighbour.getByRole("button", { name: copy("comment.sendReply") }).click();
    await expect.poll(() => neighbour.locator(".comments").textContent()).toContain("fråga bibliotekarien");

    await neighbour.getByRole("button", { name: copy("idea.support") }).click();
    await expect.poll(() => neighbour.locator(".support-count").textContent()).toBe("1 stöd");

    await author.goto(ideaUrl);
    expect(await author.locator(".support-count").textContent()).toBe("1 stöd");
    expect(await author.locator("#comments-heading").textContent()).toBe("2 kommentarer");
    expect(await author.locator(".comments > li").count()).toBe(2);

    // The header search box, with an inflected form of a word in the idea.
    await author.getByRole("searchbox", { name: "Sök" }).first().fill("skolresultaten");
    await author.keyboard.press("Enter");
    await author.waitForURL(/\/sok\?q=skolresultaten/);
    const hit = author.getByRole("link", { name: "Läxcafé på biblioteket" });
    expect(await hit.getAttribute("href")).toBe(new URL(ideaUrl).pathname);
    expect(await author.locator(".search-result mark").first().textContent()).toBe("skolresultat");
    await expectAccessible(author, "the search page");

    await author.goto(ideaUrl);
    await author.locator(".idea-meta").getByRole("link", { name: "Nora Nyinflyttad" }).click();
    await author.waitForURL(/\/anvandare\/[a-z0-9]+$/);
    // The address changes a moment before the new page has rendered (the idea page has an h1 too).
    await expect.poll(() => author.getByRole("heading", { level: 1 }).textContent()).toBe("Nora Nyinflyttad");
    expect(await author.getByRole("link", { name: "Läxcafé på biblioteket" }).count()).toBe(1);
    expect(await author.content()).not.toContain("ny.invanare@example.se");
    await expectAccessible(author, "the profile page");
  });
});
