import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import {
  comments,
  ideas,
  liveEvents,
  mailOutbox,
  moderationActions,
  passwordResetTokens,
  recoveryCodes,
  revisions,
  sessions,
  users,
} from "../../db/schema";
import { makeRecoveryCodes } from "../../app/domain/accounts/two-factor.server";
import { databaseKinds } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { Visitor, goodPassword, newAccount } from "../support/security";
import { createIdeaWithComment } from "./moderation-fixtures";
import { pruneStoredData } from "../../server/prune";
import { defaultConfig } from "../../server/env";

describe.each(databaseKinds)("privacy: export, account deletion, redaction and pruning on %s", (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => {
    await server?.close();
  });

  const db = () => server.database.db;

  async function signedIn(email: string, password = goodPassword) {
    const client = new Visitor(server.url);
    expect((await client.post("/logga-in", { email, password })).status).toBe(302);
    return client;
  }

  it("shows the privacy page to everyone", async () => {
    const response = await new Visitor(server.url).get("/personuppgifter");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("<h1>Personuppgifter</h1>");
    expect(html).toContain("efter ett dygn");
  });

  it("exports everything stored about the user as JSON, without secrets", async () => {
    const author = await newAccount(db(), "export");
    const other = await newAccount(db(), "other");
    const { idea } = await createIdeaWithComment(db(), author.id, other.id, "Ett svar");
    await makeRecoveryCodes(db(), author.id);
    const client = await signedIn(author.email);
    const response = await client.get("/konto/mina-uppgifter.json");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expect(response.headers.get("content-disposition")).toMatch(/attachment/);
    const text = await response.text();
    const body = JSON.parse(text);
    expect(body.account.email).toBe(author.email);
    expect(body.ideas.map((i: { id: number }) => i.id)).toEqual([idea.id]);
    expect(body.sessions).toHaveLength(1);
    expect(text).not.toMatch(/passwordHash|password_hash|totpSecret|codeHash|code_hash|argon2/);
    // That recovery codes exist (when made, whether used) is the person's data; the codes are not.
    expect(body.recoveryCodes).toHaveLength(10);
    expect(Object.keys(body.recoveryCodes[0]).sort()).toEqual(["createdAt", "usedAt"]);
    expect(text).not.toContain(other.email);
    expect((await new Visitor(server.url).get("/konto/mina-uppgifter.json")).status).toBe(302);
  });

  it("deletes an account keeping its posts anonymised, and ends its sessions", async () => {
    const author = await newAccount(db(), "keep");
    const other = await newAccount(db(), "keep-other");
    const { idea } = await createIdeaWithComment(db(), author.id, other.id);
    await makeRecoveryCodes(db(), author.id);
    const client = await signedIn(author.email);
    const second = await signedIn(author.email);
    // Mail not yet due (a notification waiting for its turn), to the author and to someone else.
    const later = new Date(Date.now() + 3_600_000);
    const queued = await db()
      .insert(mailOutbox)
      .values(
        [author.email.toUpperCase(), other.email].map((to) => ({ to, template: "notification", data: {}, nextAttemptAt: later })),
      )
      .returning({ id: mailOutbox.id, to: mailOutbox.to });
    expect((await client.post("/konto/radera", { posts: "keep", password: "fel-lösenord-här" })).status).toBe(400);
    expect((await client.post("/konto/radera", { password: goodPassword })).status).toBe(400);
    const response = await client.post("/konto/radera", { posts: "keep", password: goodPassword });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/logga-in?raderat=1");
    const [row] = await db().select().from(users).where(eq(users.id, author.id));
    expect(row.displayName).toBe("Tidigare deltagare");
    expect(row.email).not.toBe(author.email);
    expect(row.deletedAt).not.toBeNull();
    expect(await db().select().from(sessions).where(eq(sessions.userId, author.id))).toHaveLength(0);
    expect(await db().select().from(recoveryCodes).where(eq(recoveryCodes.userId, author.id))).toHaveLength(0);
    expect((await second.get("/konto")).status).toBe(302);
    const left = await db()
      .select({ to: mailOutbox.to })
      .from(mailOutbox)
      .where(
        inArray(
          mailOutbox.id,
          queued.map((q) => q.id),
        ),
      );
    expect(left).toEqual([{ to: other.email }]);
    expect((await new Visitor(server.url).post("/logga-in", { email: author.email, password: goodPassword })).status).toBe(400);
    const [kept] = await db().select().from(ideas).where(eq(ideas.id, idea.id));
    expect(kept.deletedAt).toBeNull();
    const page = await new Visitor(server.url).get(`/ideer/${idea.id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Tidigare deltagare");
  });

  it("deletes an account and removes its posts when asked to", async () => {
    const author = await newAccount(db(), "remove");
    const other = await newAccount(db(), "remove-other");
    const { idea } = await createIdeaWithComment(db(), other.id, author.id, "Ring mig på 070-123 45 67");
    const [own] = await db()
      .insert(ideas)
      .values({ challengeId: idea.challengeId, authorId: author.id, title: "Min idé", body: "Min text" })
      .returning();
    const client = await signedIn(author.email);
    expect((await client.post("/konto/radera", { posts: "remove", password: goodPassword })).status).toBe(302);
    const [removedIdea] = await db().select().from(ideas).where(eq(ideas.id, own.id));
    expect(removedIdea.deletedAt).not.toBeNull();
    expect(removedIdea.body).toBe("");
    const [removedComment] = await db().select().from(comments).where(eq(comments.authorId, author.id));
    expect(removedComment.deletedAt).not.toBeNull();
    expect(removedComment.body).not.toContain("070-123");
  });

  it("lets a moderator redact personal data, keeping the original only in the audit record", async () => {
    const author = await newAccount(db(), "redact");
    const other = await newAccount(db(), "redact-other");
    const { comment } = await createIdeaWithComment(db(), other.id, author.id, "Ring Kalle på 070-765 43 21 i kväll");
    await db()
      .insert(revisions)
      .values({ targetType: "comment", targetId: comment.id, editorId: author.id, body: "Kalle: 070-765 43 21" });
    const resident = await signedIn("invanare@example.se", "samhallsforum-demo");
    expect(
      (await resident.post("/moderator/personuppgifter", { type: "comment", id: String(comment.id), text: "070-765 43 21" }))
        .status,
    ).toBe(403);
    const moderator = await signedIn("moderator@example.se", "samhallsforum-demo");
    const page = `/moderator/personuppgifter?type=comment&id=${comment.id}`;
    expect((await moderator.get(`/moderator/personuppgifter?type=comment&id=${comment.id}`)).status).toBe(200);
    expect((await moderator.post(page, { type: "comment", id: String(comment.id), text: "finns inte" })).status).toBe(400);
    expect((await moderator.post("/moderator/personuppgifter", { type: "comment", id: "abc", text: "x" })).status).toBe(400);
    const done = await moderator.post(page, { type: "comment", id: String(comment.id), text: "070-765 43 21" });
    expect(done.status).toBe(200);
    const [after] = await db().select().from(comments).where(eq(comments.id, comment.id));
    expect(after.body).toBe("Ring Kalle på [personuppgift borttagen] i kväll");
    const history = await db()
      .select()
      .from(revisions)
      .where(and(eq(revisions.targetType, "comment"), eq(revisions.targetId, comment.id)));
    expect(history.map((r) => r.body)).toEqual(["Kalle: [personuppgift borttagen]"]);
    const [audit] = await db()
      .select()
      .from(moderationActions)
      .where(and(eq(moderationActions.action, "comment.redact"), eq(moderationActions.targetId, String(comment.id))));
    expect(audit.public).toBe(false);
    expect(JSON.stringify(audit.details)).toContain("070-765 43 21");
    const publicPage = await new Visitor(server.url).get(`/ideer/${after.ideaId}`);
    expect(await publicPage.text()).not.toContain("070-765 43 21");
  });

  it("prunes old live events, expired sessions, used or expired reset links and week-old sent mail, keeping current ones", async () => {
    const account = await newAccount(db(), "prune");
    const day = 24 * 3600_000;
    const now = new Date();
    await db()
      .insert(sessions)
      .values([
        {
          id: `old-${account.id}`,
          userId: account.id,
          expiresAt: new Date(now.getTime() + day),
          lastSeenAt: new Date(now.getTime() - 9 * day),
        },
        { id: `new-${account.id}`, userId: account.id, expiresAt: new Date(now.getTime() + day) },
      ]);
    await db()
      .insert(passwordResetTokens)
      .values([
        { tokenHash: `used-${account.id}`, userId: account.id, expiresAt: new Date(now.getTime() + 3600_000), usedAt: now },
        { tokenHash: `fresh-${account.id}`, userId: account.id, expiresAt: new Date(now.getTime() + 3600_000) },
      ]);
    await db()
      .insert(liveEvents)
      .values([
        { room: `test:${account.id}`, seq: 1, type: "test.old", payload: {}, createdAt: new Date(now.getTime() - 2 * day) },
        { room: `test:${account.id}`, seq: 2, type: "test.new", payload: {} },
      ]);
    const mailTo = `prune-${account.id}@example.se`;
    await db()
      .insert(mailOutbox)
      .values([
        { to: mailTo, template: "old-sent", data: {}, status: "sent", createdAt: new Date(now.getTime() - 8 * day) },
        { to: mailTo, template: "old-failed", data: {}, status: "failed", createdAt: new Date(now.getTime() - 8 * day) },
        {
          to: mailTo,
          template: "old-pending",
          data: {},
          status: "pending",
          nextAttemptAt: new Date(now.getTime() + day),
          createdAt: new Date(now.getTime() - 8 * day),
        },
        { to: mailTo, template: "new-sent", data: {}, status: "sent" },
      ]);
    const result = await pruneStoredData(server.database, defaultConfig.session, now);
    expect(result.mails).toBeGreaterThanOrEqual(2);
    const mails = await db().select({ template: mailOutbox.template }).from(mailOutbox).where(eq(mailOutbox.to, mailTo));
    // Mail not yet sent is never pruned, however old.
    expect(mails.map((m) => m.template).sort()).toEqual(["new-sent", "old-pending"]);
    expect(result.sessions).toBeGreaterThanOrEqual(1);
    expect(result.resetTokens).toBeGreaterThanOrEqual(1);
    expect(result.liveEvents).toBeGreaterThanOrEqual(1);
    const left = await db().select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, account.id));
    expect(left.map((s) => s.id)).toEqual([`new-${account.id}`]);
    const tokens = await db()
      .select({ hash: passwordResetTokens.tokenHash })
      .from(passwordResetTokens)
      .where(eq(passwordResetTokens.userId, account.id));
    expect(tokens.map((t) => t.hash)).toEqual([`fresh-${account.id}`]);
    const types = await db()
      .select({ type: liveEvents.type })
      .from(liveEvents)
      .where(sql`${liveEvents.type} like 'test.%'`);
    expect(types.map((t) => t.type)).toEqual(["test.new"]);
  });
});
