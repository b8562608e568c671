import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { startTestServer, type TestServer } from "../support/server";
import { databaseKinds } from "../support/databases";
import { HttpClient } from "../support/http";
import { registerThroughMail } from "../support/security";
import { challenges, comments, liveEvents, moderationActions, reviewItems } from "../../db/schema";
import { actorByEmail, createIdeaWithComment } from "./moderation-fixtures";
import { connectClient, connected, waitFor } from "./live-support";
import { copy } from "../support/copy";

describe.each(databaseKinds)("moderation settings, spam limits and suspension over HTTP on %s", (kind) => {
  let server: TestServer;
  let admin: HttpClient;
  let moderator: HttpClient;
  let resident: HttpClient;
  let ideaPath: string;
  let challengeId: number;

  beforeAll(async () => {
    server = await startTestServer(kind);
    admin = new HttpClient(server.url);
    moderator = new HttpClient(server.url);
    resident = new HttpClient(server.url);
    await admin.login("admin@example.se");
    await moderator.login("moderator@example.se");
    await resident.login("invanare@example.se");
    const author = await actorByEmail(server.database.db, "invanare2@example.se");
    const created = await createIdeaWithComment(server.database.db, author.id, author.id, "En vanlig kommentar");
    ideaPath = `/ideer/${created.idea.id}`;
    challengeId = created.challenge.id;
  });
  afterAll(() => server?.close());

  it("lets only admins change the limits, refuses bad numbers and audits the change", async () => {
    expect((await moderator.get("/moderator/installningar")).status).toBe(403);
    expect((await resident.get("/moderator/installningar")).status).toBe(403);
    const page = await admin.get("/moderator/installningar");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(copy("moderation.settings.reportThreshold"));
    const base = { newAccountHours: "24", newAccountMaxLinks: "2", duplicateWindowMinutes: "5", premoderatedPosts: "2" };
    const bad = await admin.post("/moderator/installningar", {
      ...base,
      newAccountMaxLinks: "många",
      [`threshold-${challengeId}`]: "0",
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Kontrollera siffrorna");
    const rows = await server.database.db.select({ id: challenges.id, t: challenges.reportThreshold }).from(challenges);
    const form: Record<string, string> = { ...base, duplicateWindowMinutes: "10" };
    for (const row of rows) form[`threshold-${row.id}`] = String(row.t);
    form[`threshold-${challengeId}`] = "2";
    form[`premoderate-${challengeId}`] = "on";
    const saved = await admin.post("/moderator/installningar", form);
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain(copy("moderation.settings.saved"));
    const [challenge] = await server.database.db.select().from(challenges).where(eq(challenges.id, challengeId));
    expect(challenge).toMatchObject({ reportThreshold: 2, premoderateNewAccounts: true });
    const audits = await server.database.db
      .select()
      .from(moderationActions)
      .where(eq(moderationActions.action, "settings.moderation"));
    expect(audits).toHaveLength(1);
    expect(audits[0].public).toBe(false);
  });

  it("refuses the same comment twice in a row through the idea page, with words", async () => {
    const first = await resident.post(ideaPath, { intent: "comment", body: "Samma text två gånger" });
    expect(first.status).toBe(302);
    const second = await resident.post(ideaPath, { intent: "comment", body: "Samma text  två gånger" });
    expect(second.status).toBe(409);
    const html = await second.text();
    expect(html).toContain("Du skickade samma text alldeles nyss");
    expect(html).toContain("Samma text  två gånger");
  });

  it("holds a new account's first comment for pre-moderation, without its text in the public room", async () => {
    const newcomer = new HttpClient(server.url);
    const registered = await registerThroughMail(newcomer, {
      email: "ny.granne@example.se",
      displayName: "Ny Granne",
      password: "kanelbulle-tisdag-2025",
    });
    expect(registered.status).toBe(302);
    const links = await newcomer.post(ideaPath, { intent: "comment", body: "https://a.se https://b.se https://c.se" });
    expect(links.status).toBe(409);
    expect(await links.text()).toContain("Nya konton får bara ha ett fåtal länkar");

    const posted = await newcomer.post(ideaPath, { intent: "comment", body: "Hemlig första kommentar" });
    expect(posted.status).toBe(302);
    const id = Number(posted.headers.get("location")?.match(/#kommentar-(\d+)$/)?.[1]);
    const [row] = await server.database.db.select().from(comments).where(eq(comments.id, id));
    expect(row).toMatchObject({ hidden: true, hiddenReason: "pending_review" });
    const [item] = await server.database.db
      .select()
      .from(reviewItems)
      .where(and(eq(reviewItems.targetType, "comment"), eq(reviewItems.targetId, String(id))));
    expect(item.origin).toBe("premoderation");
    const publicEvents = await server.database.db
      .select()
      .from(liveEvents)
      .where(eq(liveEvents.room, ideaPath.replace("/ideer/", "idea:")));
    expect(JSON.stringify(publicEvents.map((e) => e.payload))).not.toContain("Hemlig första kommentar");
    const page = await (await resident.get(ideaPath)).text();
    expect(page).not.toContain("Hemlig första kommentar");
    expect(page).toContain(copy("moderation.hiddenPending"));
    expect(await (await moderator.get("/moderator")).text()).toContain("Hemlig första kommentar");
  });

  it("disconnects a suspended user's sockets", async () => {
    const target = await actorByEmail(server.database.db, "invanare@example.se");
    const socket = connectClient(server.url, { cookie: resident.cookieHeader });
    await connected(socket);
    let disconnected = false;
    socket.on("disconnect", () => (disconnected = true));
    const response = await moderator.post("/moderator/atgard", {
      typ: "user",
      id: target.id,
      beslut: "suspend",
      days: "1",
      reasonCategory: "spam",
    });
    expect(response.status).toBe(302);
    await waitFor(() => disconnected, 5_000, "the socket to be disconnected");
    socket.disconnect();
    const refused = await resident.post(ideaPath, { intent: "comment", body: "Får jag skriva nu?" });
    expect(refused.status).toBe(403);
  });
});
