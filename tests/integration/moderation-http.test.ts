import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { startTestServer, type TestServer } from "../support/server";
import { databaseKinds } from "../support/databases";
import { HttpClient } from "../support/http";
import { challenges, comments, ideas, moderationActions, users } from "../../db/schema";
import { actorByEmail, createIdeaWithComment } from "./moderation-fixtures";
import { copy } from "../support/copy";

describe.each(databaseKinds)("moderation over HTTP on %s", (kind) => {
  let server: TestServer;
  let resident: HttpClient;
  let moderator: HttpClient;
  let admin: HttpClient;
  let author: HttpClient;
  let visitor: HttpClient;
  let commentId: number;
  let ideaId: number;

  beforeAll(async () => {
    server = await startTestServer(kind);
    resident = new HttpClient(server.url);
    moderator = new HttpClient(server.url);
    admin = new HttpClient(server.url);
    author = new HttpClient(server.url);
    visitor = new HttpClient(server.url);
    await resident.login("invanare@example.se");
    await moderator.login("moderator@example.se");
    await admin.login("admin@example.se");
    await author.login("invanare2@example.se");
    const residentActor = await actorByEmail(server.database.db, "invanare@example.se");
    const authorActor = await actorByEmail(server.database.db, "invanare2@example.se");
    const created = await createIdeaWithComment(server.database.db, residentActor.id, authorActor.id, "Ni är dumma i huvudet");
    commentId = created.comment.id;
    ideaId = created.idea.id;
  });
  afterAll(() => server?.close());

  it("lets only moderators and admins into the queue", async () => {
    const anonymous = await visitor.get("/moderator");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toContain("/logga-in");
    expect((await resident.get("/moderator")).status).toBe(403);
    expect((await moderator.get("/moderator")).status).toBe(200);
    expect((await admin.get("/moderator")).status).toBe(200);
  });

  it("reports a comment: the form keeps what was typed on an error, confirms, and refuses a second report", async () => {
    const path = `/rapportera?typ=comment&id=${commentId}&tillbaka=${encodeURIComponent(`/ideer/${ideaId}`)}`;
    expect((await visitor.get(path)).status).toBe(302);
    const form = await resident.get(path);
    expect(form.status).toBe(200);
    const page = await form.text();
    expect(page).toContain(copy("moderation.report.reasonLegend"));
    expect(page).toContain(copy("moderation.reason.offensive"));

    const missing = await resident.post(path, { typ: "comment", id: String(commentId), note: "Förolämpar alla" });
    expect(missing.status).toBe(400);
    const missingText = await missing.text();
    expect(missingText).toContain(copy("moderation.report.reasonRequired"));
    expect(missingText).toContain("Förolämpar alla");

    const ok = await resident.post(path, { typ: "comment", id: String(commentId), reason: "offensive", note: "Förolämpar alla" });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("Din rapport har tagits emot");
    const again = await resident.post(path, { typ: "comment", id: String(commentId), reason: "spam" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("Du har redan rapporterat det här");

    const own = await author.post(path, { typ: "comment", id: String(commentId), reason: "spam" });
    expect(own.status).toBe(403);
  });

  it("answers bad input with 4xx and words, never 500", async () => {
    expect((await resident.get("/rapportera?typ=nothing&id=1")).status).toBe(400);
    expect((await resident.get("/rapportera?typ=idea&id=abc")).status).toBe(400);
    expect((await resident.get("/rapportera?typ=idea&id=99999999")).status).toBe(404);
    expect((await resident.post("/rapportera?typ=idea&id=1", { typ: "idea", id: "x'; drop", reason: "spam" })).status).toBe(404);
    expect((await moderator.get("/moderator/atgard?typ=comment")).status).toBe(400);
    expect((await moderator.get("/moderator/atgard?typ=comment&id=abc")).status).toBe(404);
    expect((await moderator.post("/moderator/atgard", { typ: "comment", id: String(commentId), beslut: "explode" })).status).toBe(
      400,
    );
    const days = await moderator.post("/moderator/atgard?typ=user&id=x", { typ: "user", id: "x", beslut: "suspend", days: "-3" });
    expect(days.status).toBe(400);
    expect((await author.get("/moderering/omprovning/abc")).status).toBe(404);
  });

  it("shows the report in the queue and hides the comment with a reason", async () => {
    const queue = await (await moderator.get("/moderator")).text();
    expect(queue).toContain("Ni är dumma i huvudet");
    expect(queue).toContain("Kränkande av Amina Invånare");
    expect(queue).toContain("Förolämpar alla");

    const refused = await moderator.post("/moderator/atgard", {
      typ: "comment",
      id: String(commentId),
      beslut: "hide",
      tillbaka: "/moderator",
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Ange en orsak");

    expect(
      (
        await resident.post("/moderator/atgard", {
          typ: "comment",
          id: String(commentId),
          beslut: "hide",
          reasonCategory: "offensive",
        })
      ).status,
    ).toBe(403);

    const done = await moderator.post("/moderator/atgard", {
      typ: "comment",
      id: String(commentId),
      beslut: "hide",
      reasonCategory: "offensive",
      reason: "Personangrepp",
      tillbaka: "/moderator",
    });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/moderator?beslut=klart");
    const [row] = await server.database.db.select().from(comments).where(eq(comments.id, commentId));
    expect(row).toMatchObject({ hidden: true, hiddenReason: "moderator" });
    expect(await (await moderator.get("/moderator")).text()).not.toContain("Ni är dumma i huvudet");
  });

  it("publishes the decision in the public log without the moderator's name, except to admins", async () => {
    const log = await (await visitor.get("/moderering")).text();
    expect(log).toContain(copy("moderation.log.title"));
    expect(log).toContain(copy("moderation.action.hide"));
    expect(log).toContain("Kommentar [dold]");
    expect(log).not.toContain("Maja Moderator");
    expect(await (await admin.get("/moderering")).text()).toContain("Maja Moderator");
  });

  it("lets the author appeal, and only the author", async () => {
    const authorActor = await actorByEmail(server.database.db, "invanare2@example.se");
    const [audit] = await server.database.db
      .select()
      .from(moderationActions)
      .where(eq(moderationActions.targetId, String(commentId)));
    expect((await resident.get(`/moderering/omprovning/${audit.id}`)).status).toBe(404);
    const page = await (await author.get(`/moderering/omprovning/${audit.id}`)).text();
    expect(page).toContain(copy("moderation.appeal.title"));
    expect(page).toContain("Personangrepp");
    const sent = await author.post(`/moderering/omprovning/${audit.id}`, { note: "Jag ber om ursäkt" });
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain("Din begäran har skickats");
    const queue = await (await moderator.get("/moderator")).text();
    expect(queue).toContain("Du fattade beslutet som omprövas");
    expect(queue).toContain("Jag ber om ursäkt");
    expect(authorActor.id).toBeTruthy();
  });

  it("pins an idea at the top of its challenge and locks it for comments", async () => {
    const [idea] = await server.database.db.select().from(ideas).where(eq(ideas.id, ideaId));
    const [challenge] = await server.database.db.select().from(challenges).where(eq(challenges.id, idea.challengeId));
    const before = await (await visitor.get(`/utmaningar/${challenge.slug}`)).text();
    expect(before).not.toContain(copy("moderation.pinned"));
    const pin = await moderator.post("/moderator/atgard", {
      typ: "idea",
      id: String(ideaId),
      beslut: "pin",
      tillbaka: `/ideer/${ideaId}`,
    });
    expect(pin.status).toBe(302);
    expect(pin.headers.get("location")).toBe(`/ideer/${ideaId}?beslut=klart`);
    const after = await (await visitor.get(`/utmaningar/${challenge.slug}`)).text();
    expect(after).toContain(copy("moderation.pinned"));
    expect(after).toContain(`href="/ideer/${ideaId}"`);
    const lock = await moderator.post("/moderator/atgard", {
      typ: "idea",
      id: String(ideaId),
      beslut: "lock",
      reasonCategory: "off_topic",
    });
    expect(lock.status).toBe(302);
    expect((await resident.post(`/ideer/${ideaId}`, { intent: "comment", body: "Går det att kommentera?" })).status).toBe(409);
    expect((await moderator.post("/moderator/atgard", { typ: "idea", id: String(ideaId), beslut: "unlock" })).status).toBe(302);
  });

  it("a moderator cannot moderate an admin's content", async () => {
    const adminActor = await actorByEmail(server.database.db, "admin@example.se");
    const { comment } = await createIdeaWithComment(server.database.db, adminActor.id, adminActor.id, "Adminens text");
    const response = await moderator.post("/moderator/atgard", {
      typ: "comment",
      id: String(comment.id),
      beslut: "hide",
      reasonCategory: "spam",
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("Du får inte fatta det här beslutet");
  });

  it("suspends a user, who can then read but not report, and lifts it", async () => {
    const authorActor = await actorByEmail(server.database.db, "invanare2@example.se");
    const suspended = await moderator.post("/moderator/atgard", {
      typ: "user",
      id: authorActor.id,
      beslut: "suspend",
      days: "3",
      reasonCategory: "offensive",
      reason: "Upprepade personangrepp",
    });
    expect(suspended.status).toBe(302);
    const [row] = await server.database.db.select().from(users).where(eq(users.id, authorActor.id));
    expect(row.suspendedUntil!.getTime()).toBeGreaterThan(Date.now() + 2 * 86_400_000);
    expect((await author.get(`/ideer/${ideaId}`)).status).toBe(200);
    const report = await author.post(`/rapportera?typ=idea&id=${ideaId}`, { typ: "idea", id: String(ideaId), reason: "spam" });
    expect(report.status).toBe(403);
    const lifted = await moderator.post("/moderator/atgard", { typ: "user", id: authorActor.id, beslut: "unsuspend" });
    expect(lifted.status).toBe(302);
    const [after] = await server.database.db.select().from(users).where(eq(users.id, authorActor.id));
    expect(after.suspendedUntil).toBeNull();
  });
});
