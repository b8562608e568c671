import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { browserRequired, demoPassword, expectAccessible, hasBrowser, launchChromium, signIn } from "../support/browser";
import { startTestServer, type TestServer } from "../support/server";
import { actorByEmail, createIdeaWithComment } from "../integration/moderation-fixtures";
import { copy } from "../support/copy";

describe.skipIf(!hasBrowser && !browserRequired)("reporting an abusive comment, live, in two browsers", () => {
  let server: TestServer;
  let browser: Browser;
  let ideaPath: string;
  let commentId: number;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer("pglite"), launchChromium()]);
    const resident = await actorByEmail(server.database.db, "invanare@example.se");
    const troll = await actorByEmail(server.database.db, "invanare2@example.se");
    const created = await createIdeaWithComment(server.database.db, resident.id, troll.id, "Ni som bor här är äckliga parasiter");
    ideaPath = `/ideer/${created.idea.id}`;
    commentId = created.comment.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("the report reaches the queue live, the hidden comment disappears live and the log shows the decision", async () => {
    const moderator = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    await signIn(moderator, server.url, "moderator@example.se", demoPassword, { redirectTo: "/moderator" });
    expect(await moderator.getByRole("heading", { level: 1 }).textContent()).toBe("Granskningskö");
    expect(await moderator.content()).toContain(copy("moderation.queue.empty"));
    await expectAccessible(moderator, "the empty review queue");

    const resident = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    await signIn(resident, server.url, "invanare@example.se", demoPassword, { redirectTo: ideaPath });
    const comment = resident.locator(`#kommentar-${commentId}`);
    expect(await comment.textContent()).toContain("äckliga parasiter");
    await comment.getByRole("link", { name: copy("moderation.report.buttonComment") }).click();
    await resident.waitForURL(/\/rapportera\?/);
    await resident.getByRole("heading", { name: copy("moderation.report.title") }).waitFor();
    await resident.getByLabel(copy("moderation.reason.offensive")).check();
    await resident.getByLabel(copy("moderation.report.note")).fill("Kallar grannarna för parasiter");
    await expectAccessible(resident, "the report form");
    await resident.getByRole("button", { name: copy("moderation.report.submit") }).click();
    await expect.poll(() => resident.getByRole("status").first().textContent()).toContain("Din rapport har tagits emot");

    // The moderator's queue updates without a reload.
    const item = moderator.getByTestId(`review-comment-${commentId}`);
    await expect.poll(() => item.count(), { timeout: 15_000 }).toBe(1);
    expect(await item.textContent()).toContain("Kränkande av Amina Invånare");
    expect(await item.textContent()).toContain("äckliga parasiter");
    await expectAccessible(moderator, "the review queue with a case");

    await resident.getByRole("link", { name: copy("moderation.report.back") }).click();
    await resident.waitForURL(`${server.url}${ideaPath}`);
    await resident.locator(`#kommentar-${commentId}`).waitFor();
    expect(await resident.locator(`#kommentar-${commentId}`).textContent()).toContain("äckliga parasiter");

    await item.getByLabel(copy("moderation.decide.title")).selectOption({ label: "Dölj" });
    await item.getByLabel(copy("moderation.decide.reasonCategory")).selectOption({ label: "Kränkande" });
    await item.getByLabel(copy("moderation.decide.reason")).fill("Personangrepp på andra invånare");
    await item.getByRole("button", { name: copy("moderation.decide.apply") }).click();
    await moderator.waitForURL(/\/moderator\?beslut=klart/);
    await moderator.getByText("Beslutet är registrerat").waitFor();
    expect(await moderator.getByRole("status").first().textContent()).toContain("Beslutet är registrerat");
    expect(await moderator.getByTestId(`review-comment-${commentId}`).count()).toBe(0);

    // Gone for the resident, without a reload.
    await expect
      .poll(() => resident.locator(`#kommentar-${commentId}`).textContent(), { timeout: 15_000 })
      .not.toContain("äckliga parasiter");

    const visitor = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    await visitor.goto(`${server.url}/moderering`);
    const row = visitor.locator("tbody tr").first();
    const cells = await row.locator("td").allTextContents();
    expect(cells.slice(1)).toEqual(["Dold", "Kränkande", "Kommentar [dold]"]);
    expect(await visitor.content()).not.toContain("Maja Moderator");
    await expectAccessible(visitor, "the public moderation log");

    // The full decision page for the comment's author, as a moderator opens it from the queue.
    const troll = await actorByEmail(server.database.db, "invanare2@example.se");
    await moderator.goto(`${server.url}/moderator/atgard?typ=user&id=${troll.id}`);
    expect(await moderator.getByLabel(copy("moderation.decide.days")).inputValue()).toBe("7");
    await expectAccessible(moderator, "the decision page");
  });
});
