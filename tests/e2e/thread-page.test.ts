import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { sql } from "drizzle-orm";
import {
  browserRequired,
  demoPassword,
  expectAccessible,
  expectNoErrors,
  hasBrowser,
  launchChromium,
  screenshot,
  signIn,
  watchErrors,
} from "../support/browser";
import { startTestServer, type TestServer } from "../support/server";
import { createIdea } from "../../app/domain/ideas/ideas.server";
import { createComment } from "../../app/domain/comments/comments.server";
import { createResidents } from "../integration/ideas-fixtures";
import { copy } from "../support/copy";

/** Screenshot of the thread page after a reply, for looking at by hand; not part of the repository. */

describe.skipIf(!hasBrowser && !browserRequired)("answering on a thread page", () => {
  let server: TestServer;
  let browser: Browser;
  let threadPath: string;
  let root: number;
  let last: number;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer("pglite"), launchChromium()]);
    const db = server.database.db;
    const [author] = await server.database.rows<{ id: string }>(sql`select id from users where email = 'labbet@example.se'`);
    const [challenge] = await server.database.rows<{ id: number }>(
      sql`select id from challenges where status = 'open' order by id limit 1`,
    );
    const idea = await createIdea(db, {
      challengeId: challenge.id,
      authorId: author.id,
      title: "Kvällsöppet på fritidsgården",
      body: "Öppet till nio på fredagar.",
    });
    if (!idea.ok) throw new Error(idea.problem);
    const [talker] = await createResidents(db, 1, "trådvän");
    const say = async (body: string, parentId?: number) => {
      const r = await createComment(db, { ideaId: idea.ideaId, authorId: talker, body, parentId });
      if (!r.ok) throw new Error(r.problem);
      return r.commentId;
    };
    root = await say("Vem ska hålla i kvällarna?");
    for (let i = 0; i < 25; i++) last = await say(`Svar nummer ${i + 1} i tråden.`, root);
    threadPath = `/ideer/${idea.ideaId}/trad/${root}`;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // With scripts, and as a plain HTML page: the reply form and the vote buttons work either way.
  it.each([
    { javaScriptEnabled: true, email: "invanare2@example.se", name: "Erik Grannsson", text: "Jag kan ta fredagarna i mars." },
    { javaScriptEnabled: false, email: "invanare@example.se", name: "Amina Invånare", text: "Jag tar april, utan skript." },
  ])("replies to the 25th reply and votes (JavaScript: $javaScriptEnabled)", async ({ javaScriptEnabled, email, name, text }) => {
    const context = await browser.newContext({
      baseURL: server.url,
      locale: "sv-SE",
      javaScriptEnabled,
      viewport: { width: 1000, height: 900 },
    });
    const page = await context.newPage();
    const problems = watchErrors(page);
    try {
      await signIn(page, server.url, email, demoPassword, { redirectTo: threadPath });

      const lastReply = page.locator(`#kommentar-${last}`);
      // With scripts, "Svara" opens the form without loading a new document, where the reader was.
      if (javaScriptEnabled) await page.evaluate(() => Object.assign(window, { samePage: true }));
      await lastReply.getByRole("link", { name: copy("comment.reply"), exact: true }).click();
      const replyBox = page.getByLabel("Svara trådvän 0");
      await replyBox.waitFor();
      // With scripts, the cursor is already in the reply box, ready to type.
      if (javaScriptEnabled) await expect.poll(() => replyBox.evaluate((box) => box === document.activeElement)).toBe(true);
      await replyBox.fill(text);
      if (javaScriptEnabled) {
        expect(await page.evaluate(() => (window as { samePage?: boolean }).samePage)).toBe(true);
        expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
      }
      // Every comment shows its text: the document's own (hydrated from its markup), and after the
      // client-side navigation, the data's.
      const texts = await page.locator(".comments .prose").allTextContents();
      expect(texts.length).toBeGreaterThan(20);
      expect(texts.filter((text) => text.trim() === "")).toEqual([]);
      await page.getByRole("button", { name: copy("comment.sendReply") }).click();
      await page.waitForURL((url) => url.pathname === threadPath && /^#kommentar-\d+$/.test(url.hash) && !url.search);
      const newId = new URL(page.url()).hash.slice(1);
      const posted = page.locator(`#${newId}`);
      await expect.poll(() => posted.textContent()).toContain(text);
      expect(await posted.getByRole("link", { name }).count()).toBe(1);
      // The new reply comes last, after the 25th.
      expect(await page.locator(".comments > li").last().getAttribute("id")).toBe(newId);

      const rootComment = page.locator(`#kommentar-${root}`);
      const before = Number((await rootComment.locator(".score").first().textContent())?.match(/-?\d+/)?.[0]);
      await rootComment.getByRole("button", { name: copy("comment.upvote") }).click();
      await expect.poll(() => rootComment.locator(".score").first().textContent()).toBe(`Poäng: ${before + 1}`);
      expect(await rootComment.getByRole("button", { name: copy("comment.removeVote") }).getAttribute("aria-pressed")).toBe(
        "true",
      );
      expect(new URL(page.url()).pathname).toBe(threadPath);

      if (javaScriptEnabled) {
        await page.goto(`${threadPath}?svara=${last}#kommentar-${last}`);
        await page.getByLabel("Svara trådvän 0").waitFor();
        await expectAccessible(page, "the thread page with the reply form open");
        await page.goto(`${threadPath}#${newId}`);
        await posted.scrollIntoViewIfNeeded();
        await screenshot(page, "thread-page");
      }
      expectNoErrors(problems);
    } finally {
      await context.close();
    }
  });
});
