import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page, WebSocket } from "playwright-core";
import { sql } from "drizzle-orm";
import {
  browserRequired,
  demoPassword,
  expectNoErrors,
  hasBrowser,
  launchChromium,
  signIn,
  watchErrors,
} from "../support/browser";
import { startTestServer, type TestServer } from "../support/server";
import { HttpClient } from "../support/http";
import { createIdea } from "../../app/domain/ideas/ideas.server";
import { createComment } from "../../app/domain/comments/comments.server";
import { repliesPerThread } from "../../app/domain/comments/threads.server";
import { copy } from "../support/copy";

async function signedIn(context: BrowserContext, baseUrl: string, email: string): Promise<Page> {
  const page = await context.newPage();
  await signIn(page, baseUrl, email, demoPassword);
  return page;
}

/** Waits until the page's socket has subscribed, so the test measures delivery and not page start. */
async function openLive(page: Page, path: string) {
  await page.goto(path);
  await page.waitForFunction((room) => sessionStorage.getItem(`sf-room:${room}`) !== null, `idea:${path.split("/").pop()}`);
}

describe.skipIf(!hasBrowser && !browserRequired)("live updates in Chromium", () => {
  let server: TestServer;
  let browser: Browser;
  let ideaPath: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer("pglite"), launchChromium()]);
    // A new idea by lab staff, so both residents may support it.
    const [author] = await server.database.rows<{ id: string }>(sql`select id from users where email = 'labbet@example.se'`);
    const [challenge] = await server.database.rows<{ id: number }>(
      sql`select id from challenges where status = 'open' order by id limit 1`,
    );
    const created = await createIdea(server.database.db, {
      challengeId: challenge.id,
      authorId: author.id,
      title: "Läxhjälp på biblioteket varje kväll",
      body: "Öppna skolbiblioteket för läxhjälp med frivilliga studenter.",
    });
    if (!created.ok) throw new Error(`could not create the idea: ${created.problem}`);
    ideaPath = `/ideer/${created.ideaId}`;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows each reader the other's comment and support within a second, without a reload", async () => {
    const [amina, erik] = await Promise.all([
      browser.newContext({ baseURL: server.url }),
      browser.newContext({ baseURL: server.url }),
    ]);
    const a = await signedIn(amina, server.url, "invanare@example.se");
    const e = await signedIn(erik, server.url, "invanare2@example.se");
    const problems = [watchErrors(a), watchErrors(e)];
    await Promise.all([openLive(a, ideaPath), openLive(e, ideaPath)]);

    // Erik is halfway through a comment of his own when Amina's arrives.
    const eriksDraft = e.getByLabel(copy("comment.body"));
    await eriksDraft.fill("Jag håller på att skriva");
    await eriksDraft.focus();

    await a.getByLabel(copy("comment.body")).fill("Amina skriver live");
    await a.getByRole("button", { name: copy("comment.submit") }).click();
    const sent = Date.now();
    const button = e.getByRole("button", { name: "1 ny kommentar – visa" });
    await button.waitFor({ timeout: 1_000 });
    expect(Date.now() - sent).toBeLessThan(1_000);
    // Held back, not inserted under the reader; the draft and the focus are untouched.
    expect(await e.getByText("Amina skriver live").count()).toBe(0);
    expect(await eriksDraft.inputValue()).toBe("Jag håller på att skriva");
    expect(await eriksDraft.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(() => e.getByTestId("live-announcer").textContent()).toContain("1 ny kommentar");

    await button.click();
    await e.getByText("Amina skriver live").waitFor({ timeout: 1_000 });
    expect(await e.evaluate(() => document.activeElement?.id)).toMatch(/^kommentar-\d+$/);

    // Erik supports; Amina's count moves without a reload.
    const before = (await a.locator('[data-live="support-count"]').textContent()) ?? "";
    await e.getByRole("button", { name: copy("idea.support") }).click();
    const supported = Date.now();
    await a.waitForFunction((old) => document.querySelector('[data-live="support-count"]')?.textContent !== old, before, {
      timeout: 1_000,
    });
    expect(Date.now() - supported).toBeLessThan(1_000);
    expect(Number.parseInt((await a.locator('[data-live="support-count"]').textContent()) ?? "", 10)).toBe(
      Number.parseInt(before, 10) + 1,
    );
    // Told to screen readers too.
    await expect
      .poll(() => a.getByTestId("live-announcer").textContent())
      .toBe(copy("live.supportChanged", { count: Number.parseInt(before, 10) + 1 }));

    // And Erik's comment reaches Amina the same way.
    await e.getByLabel(copy("comment.body")).fill("Erik svarar live");
    await e.getByRole("button", { name: copy("comment.submit") }).click();
    await a.getByRole("button", { name: "1 ny kommentar – visa" }).click({ timeout: 1_000 });
    await a.getByText("Erik svarar live").waitFor({ timeout: 1_000 });
    // Each of them sees their own comment at once.
    expect(await e.getByText("Erik svarar live").count()).toBe(1);
    expectNoErrors(problems.flat());
    await Promise.all([amina.close(), erik.close()]);
  });

  it("shows all comments posted while the browser was offline once it is back", async () => {
    // socket.io-client drops its connection on the browser's "offline" event, except on "localhost".
    const context = await browser.newContext({ baseURL: server.url.replace("localhost", "127.0.0.1") });
    const page = await context.newPage();
    const sockets: WebSocket[] = [];
    page.on("websocket", (socket) => sockets.push(socket));
    await openLive(page, ideaPath);
    const writer = new HttpClient(server.url);
    await writer.login("invanare2@example.se");

    const status = page.getByTestId("live-status");
    expect(await status.isVisible()).toBe(false);
    await context.setOffline(true);
    // The page drops its live connection at once; what follows happens while it is away.
    await expect.poll(() => sockets.length > 0 && sockets.every((socket) => socket.isClosed()), { timeout: 10_000 }).toBe(true);
    // And says so, on the screen and to screen readers.
    await status.getByText(copy("live.reconnecting")).waitFor({ timeout: 5_000 });
    await expect.poll(() => page.getByTestId("live-announcer").textContent()).toBe(copy("live.reconnecting"));
    for (const n of [1, 2, 3]) {
      const response = await writer.post(ideaPath, { intent: "comment", formId: "comment-new", body: `Medan du var borta ${n}` });
      expect(response.status).toBe(302);
    }
    await context.setOffline(false);

    // Back, caught up: "Uppdaterad" for a moment, then the notice goes.
    await status.getByText(copy("live.caughtUp")).waitFor({ timeout: 15_000 });
    await page.getByRole("button", { name: "3 nya kommentarer – visa" }).click({ timeout: 15_000 });
    await status.waitFor({ state: "hidden", timeout: 10_000 });
    for (const n of [1, 2, 3]) expect(await page.getByText(`Medan du var borta ${n}`).count()).toBe(1);
    // They came by catching up on a new connection, not through the old one.
    expect(sockets.length).toBeGreaterThanOrEqual(2);
    await context.close();
  });

  it("leaves a long thread's new replies to the thread page, and says that the thread goes on", async () => {
    const [author] = await server.database.rows<{ id: string }>(sql`select id from users where email = 'labbet@example.se'`);
    const [challenge] = await server.database.rows<{ id: number }>(
      sql`select id from challenges where status = 'open' order by id limit 1`,
    );
    const idea = await createIdea(server.database.db, {
      challengeId: challenge.id,
      authorId: author.id,
      title: "En idé med en lång tråd",
      body: "Text.",
    });
    if (!idea.ok) throw new Error(idea.problem);
    const path = `/ideer/${idea.ideaId}`;
    const say = async (body: string, parentId?: number) => {
      const r = await createComment(server.database.db, { ideaId: idea.ideaId, authorId: author.id, body, parentId });
      if (!r.ok) throw new Error(r.problem);
      return r.commentId;
    };
    const root = await say("Trådens början");
    for (let i = 0; i < repliesPerThread; i++) await say(`Tidigt svar ${i}`, root);

    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    const problems = watchErrors(page);
    await openLive(page, path);
    expect(await page.getByText(`Tidigt svar ${repliesPerThread - 1}`).count()).toBe(1);
    expect(await page.getByRole("link", { name: copy("comment.moreInThread") }).count()).toBe(0);

    const writer = new HttpClient(server.url);
    await writer.login("invanare2@example.se");
    const posted = await writer.post(path, {
      intent: "comment",
      formId: `reply-${root}`,
      parentId: String(root),
      body: "Ett svar långt ner i tråden",
    });
    expect(posted.headers.get("location")).toMatch(new RegExp(`^${path}/trad/${root}\\?efter=\\d+#kommentar-\\d+$`));
    // The page learns that the thread goes on; the reply itself is on the thread page, not inserted here.
    const more = page.getByRole("link", { name: copy("comment.moreInThread") });
    await more.waitFor({ timeout: 2_000 });
    expect(await page.getByText("Ett svar långt ner i tråden").count()).toBe(0);
    expect(await page.getByRole("button", { name: /ny kommentar/ }).count()).toBe(0);
    await more.click();
    await page.waitForURL((url) => url.pathname === `${path}/trad/${root}`);
    await page.getByText("Ett svar långt ner i tråden").waitFor();
    expectNoErrors(problems);
    await context.close();
  });
});
