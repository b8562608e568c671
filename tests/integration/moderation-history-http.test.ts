import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { moderationActions } from "../../db/schema";
import { createIdea, updateIdea } from "../../app/domain/ideas/ideas.server";
import { createComment, updateComment } from "../../app/domain/comments/comments.server";
import { databaseKinds } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { Visitor, goodPassword, newAccount } from "../support/security";
import { actorByEmail, firstOpenChallenge } from "./moderation-fixtures";
import { connectClient, connected, subscribe } from "./live-support";

/**
 * A moderator's "edit with a reason" removes something from a post, often personal data. The
 * versions it replaced are for staff only: the history page shows readers that a version existed,
 * not its text, and no other way out (API, feed, search, live replay, data export) carries it.
 */
describe.each(databaseKinds)("moderator edits and the history of a post on %s", (kind) => {
  let server: TestServer;
  const phone = "070-555 12 34";
  const moderatorReason = "Telefonnummer borttaget";
  let ideaId: number;
  let commentId: number;
  let challengeSlug: string;
  let ideaAuthor: { id: string; email: string };
  let commenter: { id: string; email: string };
  let reader: { id: string; email: string };
  let moderatorName: string;

  const db = () => server.database.db;

  async function signedIn(email: string, password = goodPassword) {
    const client = new Visitor(server.url);
    expect((await client.post("/logga-in", { email, password })).status).toBe(302);
    return client;
  }

  async function moderatorEdit(moderator: Visitor, form: Record<string, string>) {
    const response = await moderator.post(`/moderator/atgard?typ=${form.typ}&id=${form.id}`, {
      beslut: "edit",
      reasonCategory: "personal_data",
      reason: moderatorReason,
      tillbaka: `/ideer/${ideaId}`,
      ...form,
    });
    expect(response.status).toBe(302);
  }

  beforeAll(async () => {
    server = await startTestServer(kind, { pageCacheSeconds: 0 });
    ideaAuthor = await newAccount(db(), "historik-ide");
    commenter = await newAccount(db(), "historik-kommentar");
    reader = await newAccount(db(), "historik-lasare");
    moderatorName = (await actorByEmail(db(), "moderator@example.se")).displayName;
    const challenge = await firstOpenChallenge(db());
    challengeSlug = challenge.slug;

    // The author posts a phone number and edits the post once (both versions hold the number).
    const idea = await createIdea(db(), {
      challengeId: challenge.id,
      authorId: ideaAuthor.id,
      title: "Bytesdag för barnkläder",
      body: `Ring mig på ${phone} så bokar vi.`,
    });
    if (!idea.ok) throw new Error(idea.problem);
    ideaId = idea.ideaId;
    expect(
      (
        await updateIdea(db(), {
          ideaId,
          editorId: ideaAuthor.id,
          title: "Bytesdag för barnkläder",
          body: `Ring mig på ${phone} så bokar vi en lördag.`,
        })
      ).ok,
    ).toBe(true);
    const comment = await createComment(db(), { ideaId, authorId: commenter.id, body: `Jag är med! Nå mig på ${phone}.` });
    if (!comment.ok) throw new Error(comment.problem);
    commentId = comment.commentId;
    expect(
      (await updateComment(db(), { commentId, editorId: commenter.id, body: `Jag är med! Nå mig på ${phone} efter fem.` })).ok,
    ).toBe(true);

    // Before the moderator acts, the number is in the public history (what this test is about).
    const before = await new Visitor(server.url).get(`/kommentarer/${commentId}/historik`);
    expect(await before.text()).toContain(phone);

    const moderator = await signedIn("moderator@example.se", "samhallsforum-demo");
    await moderatorEdit(moderator, { typ: "comment", id: String(commentId), body: "Jag är med!" });
    await moderatorEdit(moderator, {
      typ: "idea",
      id: String(ideaId),
      title: "Bytesdag för barnkläder",
      body: "Hör av dig här i tråden så bokar vi en lördag.",
    });
    // The commenter edits again after the moderator: that edit is the author's own and stays public.
    expect((await updateComment(db(), { commentId, editorId: commenter.id, body: "Jag är med, på lördag!" })).ok).toBe(true);
  }, 240_000);
  afterAll(async () => {
    await server?.close();
  });

  const publicPaths = () => [
    `/kommentarer/${commentId}/historik`,
    `/ideer/${ideaId}/historik`,
    `/ideer/${ideaId}`,
    `/api/v1/ideas?challenge=${challengeSlug}`,
    `/utmaningar/${challengeSlug}/ideer.atom`,
    `/sok?q=${encodeURIComponent("555")}`,
    `/sok?q=${encodeURIComponent("Nå mig")}`,
  ];

  it("visitors and residents (the authors included) get no page, API, feed or search answer holding the replaced text", async () => {
    const viewers = {
      visitor: new Visitor(server.url),
      resident: await signedIn(reader.email),
      "idea author": await signedIn(ideaAuthor.email),
      commenter: await signedIn(commenter.email),
    };
    for (const [who, client] of Object.entries(viewers)) {
      for (const path of publicPaths()) {
        const response = await client.get(path);
        expect(response.status, `${who} ${path}`).toBe(200);
        const text = await response.text();
        expect(text, `${who} ${path}`).not.toContain(phone);
        expect(text, `${who} ${path}`).not.toContain(moderatorReason);
      }
    }
  }, 120_000);

  it("the public history marks the withheld versions and keeps the author's own later edit", async () => {
    const html = await (await new Visitor(server.url).get(`/kommentarer/${commentId}/historik`)).text();
    // Two versions were replaced up to the moderator's edit: both withheld, without text or editor.
    expect(html.match(/data-withheld="true"/g)).toHaveLength(2);
    expect(html).toContain("Versionen är dold av moderator.");
    expect(html).not.toContain(moderatorName);
    // The moderator's text, replaced later by the author's own edit, is an ordinary version.
    expect(html).toContain("Jag är med!</p>");
    expect(html).toContain("Jag är med, på lördag!");
    const idea = await (await new Visitor(server.url).get(`/ideer/${ideaId}/historik`)).text();
    expect(idea.match(/data-withheld="true"/g)).toHaveLength(2);
    expect(idea).toContain("Hör av dig här i tråden");
  });

  it("the data export of the authors leaves the withheld versions out", async () => {
    for (const account of [ideaAuthor, commenter]) {
      const client = await signedIn(account.email);
      const response = await client.get("/konto/mina-uppgifter.json");
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).not.toContain(phone);
      // What the author wrote after the moderator's edit is still theirs to download.
      if (account === commenter)
        expect(JSON.parse(text).revisionsEdited.map((r: { body: string }) => r.body)).toEqual(["Jag är med!"]);
    }
  });

  it("a live replay from an old cursor carries the moderator's text, not the replaced one", async () => {
    for (const room of [`idea:${ideaId}`, `challenge:${(await firstOpenChallenge(db())).id}`]) {
      const socket = connectClient(server.url);
      try {
        await connected(socket);
        const reply = await subscribe(socket, room, 0);
        expect(reply.ok).toBe(true);
        const events = "events" in reply ? reply.events : [];
        expect(events.some((e) => e.type === "comment.created" || e.type === "idea.created")).toBe(true);
        expect(JSON.stringify(events)).not.toContain(phone);
      } finally {
        socket.disconnect();
      }
    }
  });

  it("moderators read every version with its reason; the audit record keeps the original", async () => {
    const moderator = await signedIn("moderator@example.se", "samhallsforum-demo");
    const comment = await (await moderator.get(`/kommentarer/${commentId}/historik`)).text();
    expect(comment).toContain(`Nå mig på ${phone}.`);
    expect(comment).toContain(`Nå mig på ${phone} efter fem.`);
    expect(comment).toContain(moderatorReason);
    expect(comment).not.toContain('data-withheld="true"');
    const idea = await (await moderator.get(`/ideer/${ideaId}/historik`)).text();
    expect(idea).toContain(`Ring mig på ${phone} så bokar vi.`);
    const [audit] = await db()
      .select()
      .from(moderationActions)
      .where(and(eq(moderationActions.action, "comment.edit"), eq(moderationActions.targetId, String(commentId))));
    expect(JSON.stringify(audit.details)).toContain(phone);
  });

  it("offers moderators the redaction of the idea and of each comment in the thread, and nobody else", async () => {
    const redactIdea = new RegExp(`/moderator/personuppgifter\\?type=idea&(amp;)?id=${ideaId}&`);
    const redactComment = new RegExp(`/moderator/personuppgifter\\?type=comment&(amp;)?id=${commentId}&`);
    const moderator = await signedIn("moderator@example.se", "samhallsforum-demo");
    const page = await (await moderator.get(`/ideer/${ideaId}`)).text();
    expect(page).toMatch(redactIdea);
    expect(page).toMatch(redactComment);
    const link = page.match(/href="(\/moderator\/personuppgifter\?type=comment[^"]*)"/)?.[1].replace(/&amp;/g, "&");
    expect(link).toBeDefined();
    const form = await moderator.get(link!);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain(`href="/ideer/${ideaId}"`);
    for (const client of [new Visitor(server.url), await signedIn(reader.email), await signedIn(commenter.email)]) {
      const html = await (await client.get(`/ideer/${ideaId}`)).text();
      expect(html).not.toContain("/moderator/personuppgifter");
      // The page is no way around the server's check either.
      expect((await client.get(link!)).status).not.toBe(200);
    }
  }, 120_000);
});
