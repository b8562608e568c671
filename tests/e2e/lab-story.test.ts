import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import {
  browserRequired,
  demoPassword,
  expectAccessible,
  followPage,
  hasBrowser,
  launchChromium,
  signIn,
  type FollowedPage,
} from "../support/browser";
import { startTestServer, type TestServer } from "../support/server";
import { createIdea } from "../../app/domain/ideas/ideas.server";
import { setSupport } from "../../app/domain/votes/votes.server";
import { challengeId, createResidents, userId } from "../integration/ideas-fixtures";
import { copy } from "../support/copy";

describe.skipIf(!hasBrowser && !browserRequired)("from idea to lab project, live", () => {
  let server: TestServer;
  let browser: Browser;
  let ideaPath: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer("pglite"), launchChromium()]);
    const db = server.database.db;
    const created = await createIdea(db, {
      challengeId: await challengeId(db, "narvaro-i-skolan"),
      authorId: await userId(db, "invanare@example.se"),
      title: "Läxhjälp i skolbiblioteket",
      body: "Äldre elever hjälper yngre med läxorna **två eftermiddagar** i veckan.",
    });
    if (!created.ok) throw new Error(created.problem);
    ideaPath = `/ideer/${created.ideaId}`;
    // Four of the five supports the challenge asks for; the fifth comes from a browser below.
    for (const u of await createResidents(db, 4, "e2e-stöd"))
      await setSupport(db, { ideaId: created.ideaId, userId: u, supported: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const followed = new Map<Page, FollowedPage>();

  async function signedIn(email: string, to: string): Promise<Page> {
    const page = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    followed.set(page, followPage(page));
    await signIn(page, server.url, email, demoPassword, { redirectTo: to });
    return page;
  }

  /** How many notifications on an open /notiser page say the text. */
  function notices(page: Page, text: string) {
    return page.locator(".notification-text", { hasText: text }).count();
  }

  /** Waits until the page's socket has joined the rooms, so nothing published after this is missed. */
  async function live(page: Page, rooms: string[]) {
    await followed.get(page)!.joined(rooms);
  }

  it("supports push an idea over the threshold; staff promote it and run the project while people are told live", async () => {
    const db = server.database.db;
    const staff = await signedIn("labbet@example.se", "/labbet");
    const author = await signedIn("invanare@example.se", "/notiser");
    const follower = await signedIn("moderator@example.se", ideaPath);
    await follower.getByRole("button", { name: copy("follow.idea") }).click();
    await expect.poll(() => follower.getByRole("button", { name: copy("follow.ideaOff") }).count()).toBe(1);
    await follower.goto(`${server.url}/notiser`);
    await Promise.all([
      live(staff, ["lab", `user:${await userId(db, "labbet@example.se")}`]),
      live(author, [`user:${await userId(db, "invanare@example.se")}`]),
      live(follower, [`user:${await userId(db, "moderator@example.se")}`]),
    ]);
    expect(await staff.getByText("Läxhjälp i skolbiblioteket").count()).toBe(0);
    await expectAccessible(staff, "the empty lab queue");

    const supporter = await signedIn("invanare2@example.se", ideaPath);
    expect(await supporter.getByTestId("threshold-progress").textContent()).toBe("4 av 5 stöd");
    await supporter.getByRole("button", { name: copy("idea.support") }).click();
    await expect.poll(() => supporter.getByTestId("threshold-progress").textContent()).toBe("5 av 5 stöd");
    await expect.poll(() => supporter.getByText("Idén nådde tröskeln och väntar på bedömning").count()).toBe(1);

    // The idea appears in the lab queue without a reload, and the author hears of it.
    const queueItem = staff.getByTestId("lab-queue").getByRole("link", { name: "Läxhjälp i skolbiblioteket", exact: true });
    await expect.poll(() => queueItem.count(), { timeout: 10_000 }).toBe(1);
    await expect
      .poll(() => notices(author, "Din idé ”Läxhjälp i skolbiblioteket” nådde 5 stöd och är redo för bedömning."), {
        timeout: 10_000,
      })
      .toBe(1);
    await expect.poll(() => author.getByTestId("notification-count").textContent()).toBe("1");
    await expect.poll(() => author.getByTestId("live-announcer").textContent()).toBe(copy("live.newNotification"));
    await expectAccessible(staff, "the lab queue");
    await expectAccessible(author, "the notifications page");

    await staff.getByRole("link", { name: /^Bedöm\W+Läxhjälp i skolbiblioteket$/ }).click();
    await staff.waitForURL(/\/labbet\/ide\/\d+$/);
    await expectAccessible(staff, "the review page");
    await staff.getByLabel(copy("lab.projectTitle")).fill("Läxhjälp i Skiftingehus skolbibliotek");
    await staff.getByRole("button", { name: copy("lab.promote") }).click();
    await staff.waitForURL(/\/projekt\/laxhjalp-i-skiftingehus-skolbibliotek$/);
    const projectUrl = staff.url();
    expect(await staff.getByTestId("project-status").textContent()).toBe("Kommande");
    expect(await staff.getByTestId("project-origins").textContent()).toContain("Läxhjälp i skolbiblioteket – 5 stöd");

    await expect
      .poll(() => notices(author, "Idén ”Läxhjälp i skolbiblioteket” blev projektet ”Läxhjälp i Skiftingehus skolbibliotek”."), {
        timeout: 10_000,
      })
      .toBe(1);
    await expect.poll(() => author.getByTestId("notification-count").textContent()).toBe("2");
    await expect
      .poll(() => notices(follower, "blev projektet ”Läxhjälp i Skiftingehus skolbibliotek”"), { timeout: 10_000 })
      .toBe(1);

    // The idea leads to the project.
    await author.goto(`${server.url}${ideaPath}`);
    await author.getByRole("link", { name: "Till projektet ”Läxhjälp i Skiftingehus skolbibliotek”" }).click();
    await author.waitForURL(projectUrl);
    await expectAccessible(author, "the project page");

    // Staff move the project on; the follower is told each time, live.
    await staff.getByLabel(copy("projects.newStatus")).selectOption("ongoing");
    await staff.getByLabel(copy("projects.note")).fill("Vi har startat på **Skiftingehus**.");
    await staff.getByRole("button", { name: copy("projects.saveStatus") }).click();
    await expect.poll(() => staff.getByTestId("project-status").textContent()).toBe("Pågående");
    await expect
      .poll(() => notices(follower, "Projektet ”Läxhjälp i Skiftingehus skolbibliotek” är nu pågående."), { timeout: 10_000 })
      .toBe(1);
    // The author's open project page shows the change without a reload.
    await expect.poll(() => author.getByTestId("project-status").textContent(), { timeout: 10_000 }).toBe("Pågående");

    await staff.getByLabel(copy("projects.updateBody")).fill("Första veckan kom **18** elever.");
    await staff.getByRole("button", { name: copy("projects.publishUpdate") }).click();
    await expect.poll(() => staff.getByTestId("timeline").locator("strong", { hasText: "18" }).count()).toBe(1);
    await expect
      .poll(() => notices(follower, "Ny uppdatering i projektet ”Läxhjälp i Skiftingehus skolbibliotek”."), { timeout: 10_000 })
      .toBe(1);

    await staff.getByLabel(copy("projects.newStatus")).selectOption("completed");
    await staff.getByLabel(copy("projects.resultsSummary")).fill("Läxorna blev gjorda oftare och **närvaron** ökade.");
    await staff.getByRole("button", { name: copy("projects.saveStatus") }).click();
    await expect.poll(() => staff.getByTestId("project-status").textContent()).toBe("Genomförd");
    await expect
      .poll(() => notices(follower, "Projektet ”Läxhjälp i Skiftingehus skolbibliotek” är nu genomförd."), { timeout: 10_000 })
      .toBe(1);
    await expectAccessible(follower, "the notifications page with notifications");

    await follower.getByRole("button", { name: copy("notifications.markAllRead") }).click();
    await expect.poll(() => follower.getByTestId("notification-count").count()).toBe(0);

    const visitor = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    await visitor.goto(`${server.url}/projekt`);
    expect(await visitor.getByTestId("projects-completed").textContent()).toContain("Läxhjälp i Skiftingehus skolbibliotek");
    await expectAccessible(visitor, "the projects list");
    await visitor.goto(projectUrl);
    expect(await visitor.locator(".markdown strong", { hasText: "närvaron" }).count()).toBe(1);
    await expectAccessible(visitor, "the completed project page");
  });
});
