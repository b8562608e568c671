import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { startTestServer, type TestServer } from "../support/server";
import { HttpClient } from "../support/http";
import { registerThroughMail } from "../support/security";
import { databaseKinds } from "../support/databases";
import { comments, ideas, liveEvents } from "../../db/schema";
import { createComment } from "../../app/domain/comments/comments.server";
import { createResidents, userId } from "./ideas-fixtures";
import { attr, elements, executableMarkup, formsOf, visibleText } from "../support/html";
import { copy } from "../support/copy";

const commentLimit = 20;
const voteLimit = 25;
const rateLimits = { comments: { points: commentLimit, seconds: 600 }, votes: { points: voteLimit, seconds: 600 } };

describe.each(databaseKinds)("comments, supports and votes over HTTP on %s", (kind) => {
  let server: TestServer;
  let amina: HttpClient;
  let erik: HttpClient;
  let visitor: HttpClient;
  let ideaPath: string;
  let ideaId: number;

  beforeAll(async () => {
    server = await startTestServer(kind, { config: { rateLimits } });
    amina = new HttpClient(server.url);
    erik = new HttpClient(server.url);
    visitor = new HttpClient(server.url);
    await amina.login("invanare@example.se");
    await erik.login("invanare2@example.se");
    const created = await amina.post("/utmaningar/narvaro-i-skolan/ny-ide", {
      intent: "save",
      title: "Idé att diskutera",
      body: "Text",
    });
    ideaPath = created.headers.get("location")!;
    ideaId = Number(ideaPath.split("/").pop());
  });
  afterAll(() => server?.close());

  async function comment(client: HttpClient, body: string, parentId?: number, path = ideaPath) {
    const response = await client.post(path, {
      intent: "comment",
      body,
      ...(parentId ? { parentId: String(parentId), formId: `reply-${parentId}` } : {}),
    });
    const id = Number(response.headers.get("location")?.match(/#kommentar-(\d+)$/)?.[1]);
    return { response, id };
  }

  it("answers an empty or too long comment with 400 and keeps the text", async () => {
    const empty = await comment(erik, "  ");
    expect(empty.response.status).toBe(400);
    expect(visibleText(await empty.response.text())).toContain(copy("validation.required"));
    const long = "å".repeat(5001);
    const tooLong = await comment(erik, long);
    expect(tooLong.response.status).toBe(400);
    const html = await tooLong.response.text();
    expect(visibleText(html)).toContain("Högst 5000 tecken.");
    expect(html).toContain(`>${long}</textarea>`);
  });

  it("posts a comment, records comment.created for the idea room and shows it", async () => {
    const posted = await comment(erik, "Jag gillar *det här*.");
    expect(posted.response.status).toBe(302);
    const html = await (await visitor.get(ideaPath)).text();
    expect(html).toContain("<em>det här</em>");
    expect(visibleText(html)).toContain("1 kommentar");
    const events = await server.database.db
      .select()
      .from(liveEvents)
      .where(and(eq(liveEvents.room, `idea:${ideaId}`), eq(liveEvents.type, "comment.created")));
    expect(events.at(-1)?.payload).toMatchObject({
      id: posted.id,
      bodyHtml: "<p>Jag gillar <em>det här</em>.</p>\n",
      author: { displayName: "Erik Grannsson" },
    });
  });

  it("threads replies: three indents, then flattened with 'svar till NAMN'", async () => {
    const root = await comment(erik, "Nivå 0");
    let parent = root.id;
    for (let depth = 1; depth <= 5; depth++) parent = (await comment(depth % 2 ? amina : erik, `Nivå ${depth}`, parent)).id;
    const html = await (await visitor.get(ideaPath)).text();
    expect(html).toMatch(/class="comment indent-3"[\s\S]*Nivå 3/);
    expect(html).toMatch(/svar till Amina Invånare[\s\S]*Nivå 4/);
    expect(html).toMatch(/svar till Erik Grannsson[\s\S]*Nivå 5/);
    expect(html).not.toMatch(/indent-4/);
    const replyForm = await erik.get(`${ideaPath}?svara=${root.id}`);
    expect(await replyForm.text()).toMatch(/<label[^>]*>Svara Erik Grannsson<\/label>/);
  });

  it("lets only the author edit or delete a comment; deleted shows [borttagen] and keeps the replies", async () => {
    const own = await comment(erik, "Första lydelsen");
    const reply = await comment(amina, "Ett svar som blir kvar", own.id);
    expect((await amina.post(`/kommentarer/${own.id}/redigera`, { intent: "save", body: "Kapad" })).status).toBe(403);
    expect((await erik.post(`/kommentarer/${own.id}/redigera`, { intent: "save", body: "" })).status).toBe(400);
    expect((await erik.post(`/kommentarer/${own.id}/redigera`, { intent: "save", body: "Andra lydelsen" })).status).toBe(302);
    let html = await (await visitor.get(ideaPath)).text();
    expect(html).toContain(`href="/kommentarer/${own.id}/historik"`);
    const history = visibleText(await (await visitor.get(`/kommentarer/${own.id}/historik`)).text());
    expect(history).toContain("Första lydelsen");
    expect(history).toContain("Andra lydelsen");
    expect((await amina.post(`/kommentarer/${own.id}/redigera`, { intent: "delete" })).status).toBe(403);
    expect((await erik.post(`/kommentarer/${own.id}/redigera`, { intent: "delete" })).status).toBe(302);
    html = await (await visitor.get(ideaPath)).text();
    expect(html).not.toContain("Andra lydelsen");
    expect(visibleText(html)).toContain(copy("comment.deleted"));
    expect(html).toContain("Ett svar som blir kvar");
    const toRemoved = await comment(amina, "Svar på borttagen", own.id);
    expect(toRemoved.response.status).toBe(400);
    expect(visibleText(await toRemoved.response.text())).toContain(copy("comment.parentMissing"));
    expect((await visitor.get("/kommentarer/999999/redigera")).status).toBe(404);
    expect((await erik.get("/kommentarer/999999/redigera")).status).toBe(404);
    expect((await visitor.get(`/kommentarer/${reply.id}/redigera`)).status).toBe(302);
    expect((await visitor.get("/kommentarer/999999/historik")).status).toBe(404);
  });

  it("refuses new comments on a locked idea with a message", async () => {
    const created = await erik.post("/utmaningar/narvaro-i-skolan/ny-ide", {
      intent: "save",
      title: "Låst idé här",
      body: "Text",
    });
    const path = created.headers.get("location")!;
    await server.database.db
      .update(ideas)
      .set({ locked: true })
      .where(eq(ideas.id, Number(path.split("/").pop())));
    const refused = await comment(amina, "Får inte komma in", undefined, path);
    expect(refused.response.status).toBe(409);
    expect(visibleText(await refused.response.text())).toContain(copy("comment.locked"));
    const page = await (await amina.get(path)).text();
    expect(visibleText(page)).toContain("Idén är låst.");
    expect(page).not.toContain('name="intent" value="comment"');
  });

  it("shows 50 threads, then a 'Visa fler' link with a keyset cursor", async () => {
    const created = await erik.post("/utmaningar/narvaro-i-skolan/ny-ide", {
      intent: "save",
      title: "Idé med många trådar",
      body: "Text",
    });
    const path = created.headers.get("location")!;
    const id = Number(path.split("/").pop());
    const [author] = await createResidents(server.database.db, 1, "pratglad");
    for (let i = 0; i < 53; i++)
      await createComment(server.database.db, { ideaId: id, authorId: author, body: `Tråd nummer ${i}.` });
    const first = await (await visitor.get(path)).text();
    expect(first).toContain("Tråd nummer 49.");
    expect(first).not.toContain("Tråd nummer 50.");
    const next = first.match(/href="[^"?]*(\?efter=\d+)"[^>]*>Visa fler kommentarer/)?.[1];
    expect(next).toBeDefined();
    const second = await (await visitor.get(`${path}${next}`)).text();
    expect(second).toContain("Tråd nummer 52.");
    expect(second).not.toContain("Tråd nummer 49.");
    expect(second).not.toContain(copy("comment.more"));
  });

  it("shows 20 replies of a long thread on the idea page and the whole thread on its own page", async () => {
    const created = await erik.post("/utmaningar/narvaro-i-skolan/ny-ide", {
      intent: "save",
      title: "Idé med en lång tråd",
      body: "Text",
    });
    const path = created.headers.get("location")!;
    const id = Number(path.split("/").pop());
    const [talker] = await createResidents(server.database.db, 1, "trådvän");
    const say = async (body: string, parentId?: number) => {
      const r = await createComment(server.database.db, { ideaId: id, authorId: talker, body, parentId });
      if (!r.ok) throw new Error(r.problem);
      return r.commentId;
    };
    const root = await say("Roten i tråden.");
    const replies: number[] = [];
    for (let i = 0; i < 25; i++) replies.push(await say(`Svar nummer ${i}.`, i === 24 ? replies[3] : root));
    const threadPath = `${path}/trad/${root}`;

    const ideaPage = await (await visitor.get(path)).text();
    expect(ideaPage).toContain("Svar nummer 19.");
    expect(ideaPage).not.toContain("Svar nummer 20.");
    expect(ideaPage).toMatch(new RegExp(`href="${threadPath}"[^>]*>Visa fler svar i tråden<`));

    const response = await visitor.get(threadPath);
    expect(response.status).toBe(200);
    const thread = await response.text();
    const text = visibleText(thread);
    expect(text).toContain("Tråd i ”Idé med en lång tråd”");
    expect(thread).toContain(`href="${path}#kommentar-${root}"`);
    expect(text).toContain("Roten i tråden.");
    for (let i = 0; i < 25; i++) expect(text).toContain(`Svar nummer ${i}.`);
    expect(text.indexOf("Svar nummer 9.")).toBeLessThan(text.indexOf("Svar nummer 10."));
    // Only the reply to another reply names whom it answers.
    expect(text.match(/svar till trådvän 0/g)).toHaveLength(1);
    expect(thread).toMatch(/svar till trådvän 0[\s\S]*Svar nummer 24\./);
    expect(thread).not.toContain("Visa fler svar<");
    // A signed-in reader gets the idea page's vote buttons and reply links on every comment here.
    const signedIn = await (await erik.get(threadPath)).text();
    const votesOn = (html: string) =>
      new Set(
        elements(html, "button")
          .filter((b) => attr(b, "name") === "vote")
          .map((b) => Number(attr(b, "value")!.split(":")[0])),
      );
    expect([...votesOn(signedIn)].sort((a, b) => a - b)).toEqual([root, ...replies].sort((a, b) => a - b));
    for (const c of [root, ...replies]) expect(signedIn).toContain(`href="${threadPath}?svara=${c}#kommentar-${c}"`);

    const later = visibleText(await (await visitor.get(`${threadPath}?efter=${replies[9]}`)).text());
    expect(later).toContain("Roten i tråden.");
    expect(later).toContain("Svar nummer 10.");
    expect(later).not.toContain("Svar nummer 9.");
    expect(later).toContain(copy("comment.threadStart"));

    // A reply past the 20 shown leads its writer to the thread page, where it is.
    const posted = await comment(amina, "Ett sent svar.", root, path);
    expect(posted.response.headers.get("location")).toBe(`${threadPath}?efter=${replies[24]}#kommentar-${posted.id}`);
    expect(await (await amina.get(posted.response.headers.get("location")!)).text()).toContain("Ett sent svar.");
    // One among the first 20 stays on the idea page.
    const early = await comment(amina, "Ett tidigt svar.", undefined, path);
    const shortReply = await comment(erik, "Svar i en kort tråd.", early.id, path);
    expect(shortReply.response.headers.get("location")).toBe(`${path}#kommentar-${shortReply.id}`);
  });

  describe("on the thread page", () => {
    let path: string;
    let id: number;
    let root: number;
    let replies: number[];
    let threadPath: string;
    let last: number;
    const score = async (commentId: number) =>
      (await server.database.db.select().from(comments).where(eq(comments.id, commentId)))[0].score;
    const reply = (
      client: HttpClient,
      parentId: number,
      body: string,
      options: { page?: string; extra?: Record<string, string> } = {},
    ) =>
      client.post(`${threadPath}?${options.page ? `${options.page}&` : ""}svara=${parentId}`, {
        intent: "comment",
        formId: `reply-${parentId}`,
        parentId: String(parentId),
        back: options.page ?? "",
        body,
        ...options.extra,
      });
    const newId = (response: Response) => Number(response.headers.get("location")?.match(/#kommentar-(\d+)$/)?.[1]);

    beforeAll(async () => {
      const created = await erik.post("/utmaningar/narvaro-i-skolan/ny-ide", {
        intent: "save",
        title: "Idé med en tråd att svara i",
        body: "Text",
      });
      path = created.headers.get("location")!;
      id = Number(path.split("/").pop());
      const [talker] = await createResidents(server.database.db, 1, "svarsvän");
      const say = async (body: string, parentId?: number) => {
        const r = await createComment(server.database.db, { ideaId: id, authorId: talker, body, parentId });
        if (!r.ok) throw new Error(r.problem);
        return r.commentId;
      };
      root = await say("Trådens rot.");
      replies = [];
      for (let i = 0; i < 25; i++) replies.push(await say(`Tidigare svar ${i}.`, i === 24 ? replies[3] : root));
      threadPath = `${path}/trad/${root}`;
      last = replies[24];
    });

    it("takes a reply to the 25th reply and brings the writer back to the thread, on the page they were on", async () => {
      const form = await (await amina.get(`${threadPath}?svara=${last}`)).text();
      expect(form).toMatch(/<label[^>]*>Svara svarsvän 0<\/label>/);
      // The form posts to the thread page itself, so that a refusal is shown here.
      expect(form).toContain(`action="${threadPath}?svara=${last}"`);

      const posted = await reply(amina, last, "Svar från trådsidan.");
      expect(posted.status).toBe(302);
      const location = posted.headers.get("location");
      expect(location).toBe(`${threadPath}#kommentar-${newId(posted)}`);
      const back = await (await amina.get(location!)).text();
      expect(back).toMatch(
        new RegExp(`id="kommentar-${newId(posted)}"[\\s\\S]*?svar till svarsvän 0[\\s\\S]*?Svar från trådsidan\\.`),
      );
      expect(
        (
          await server.database.db
            .select()
            .from(comments)
            .where(eq(comments.id, newId(posted)))
        )[0],
      ).toMatchObject({ parentId: last, rootId: root });

      // From a later page of the thread, back to that page, where the reply is.
      const page = `efter=${replies[9]}`;
      const later = await reply(amina, replies[20], "Svar från sidan efter det tionde.", { page });
      expect(later.headers.get("location")).toBe(`${threadPath}?${page}#kommentar-${newId(later)}`);
      const laterPage = visibleText(await (await amina.get(later.headers.get("location")!)).text());
      expect(laterPage).toContain("Svar från sidan efter det tionde.");
      expect(laterPage).not.toContain("Tidigare svar 9.");

      // A reply to another thread of the idea goes where the idea page would send it.
      const other = await comment(erik, "En annan tråd på samma idé.", undefined, path);
      const elsewhere = await reply(amina, other.id, "Svar i den andra tråden.");
      expect(elsewhere.headers.get("location")).toBe(`${path}#kommentar-${newId(elsewhere)}`);
    });

    it("takes votes on any comment of the thread and comes back to the same page", async () => {
      const page = `efter=${replies[9]}`;
      const voted = await erik.post(`${threadPath}?${page}`, { intent: "vote", vote: `${last}:1`, back: page });
      expect(voted.status).toBe(302);
      expect(voted.headers.get("location")).toBe(`${threadPath}?${page}#kommentar-${last}`);
      expect(await score(last)).toBe(1);
      const html = await (await erik.get(voted.headers.get("location")!)).text();
      expect(html).toMatch(new RegExp(`id="kommentar-${last}"[\\s\\S]*?aria-pressed="true"[^>]*>.*?Ta bort din röst`));
      expect((await erik.post(threadPath, { intent: "vote", vote: `${root}:-1` })).headers.get("location")).toBe(
        `${threadPath}#kommentar-${root}`,
      );
      expect(await score(root)).toBe(-1);
      // The same rules as on the idea page.
      const own = await erik.post(threadPath, {
        intent: "comment",
        formId: `reply-${root}`,
        parentId: String(root),
        body: "Eriks eget svar.",
      });
      expect((await erik.post(threadPath, { intent: "vote", vote: `${newId(own)}:1` })).status).toBe(403);
      expect((await erik.post(threadPath, { intent: "vote", vote: `${last}:7` })).status).toBe(400);
      expect((await erik.post(threadPath, { intent: "vote", vote: `999999:1` })).status).toBe(404);
      expect((await erik.post(threadPath, { intent: "support", value: "on" })).status).toBe(400);
    });

    it("shows a refused reply's message on the thread page with the reply form and its text", async () => {
      const empty = await reply(amina, last, "   ");
      expect(empty.status).toBe(400);
      const emptyHtml = await empty.text();
      expect(visibleText(emptyHtml)).toContain(copy("validation.required"));
      expect(visibleText(emptyHtml)).toContain("Tidigare svar 23.");
      expect(emptyHtml).toMatch(/<label[^>]*>Svara svarsvän 0<\/label>/);

      const long = "ö".repeat(5001);
      const tooLong = await reply(amina, last, long);
      expect(tooLong.status).toBe(400);
      const tooLongHtml = await tooLong.text();
      expect(visibleText(tooLongHtml)).toContain("Högst 5000 tecken.");
      expect(tooLongHtml).toContain(`>${long}</textarea>`);

      // Too many replies: the limit is the idea page's, and so is the message.
      const eager = new HttpClient(server.url);
      expect(
        (
          await registerThroughMail(eager, {
            email: `ivrig-${kind}@example.se`,
            displayName: "Ivrig Svarare",
            password: "ett-langt-och-ovanligt-losenord-42",
          })
        ).status,
      ).toBe(302);
      for (let i = 0; i < commentLimit; i++) expect((await reply(eager, root, `Ivrigt svar ${i}.`)).status).toBe(302);
      const limited = await reply(eager, last, "Ett svar för mycket.");
      expect(limited.status).toBe(429);
      expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
      const limitedHtml = await limited.text();
      expect(visibleText(limitedHtml)).toMatch(/Vänta \d+ minuter och försök igen/);
      expect(limitedHtml).toContain(">Ett svar för mycket.</textarea>");

      // The idea was locked while the reply was being written: the text stays, with the reason.
      await server.database.db.update(ideas).set({ locked: true }).where(eq(ideas.id, id));
      try {
        const locked = await reply(amina, last, "Skrivet innan låset syntes.");
        expect(locked.status).toBe(409);
        const lockedHtml = await locked.text();
        expect(visibleText(lockedHtml)).toContain(copy("comment.locked"));
        expect(lockedHtml).toContain(">Skrivet innan låset syntes.</textarea>");
        const lockedPage = await (await amina.get(`${threadPath}?svara=${last}`)).text();
        expect(lockedPage).not.toContain('name="intent" value="comment"');
        expect(lockedPage).not.toContain(`svara=${last}#`);
        expect(visibleText(lockedPage)).toContain("Idén är låst.");
      } finally {
        await server.database.db.update(ideas).set({ locked: false }).where(eq(ideas.id, id));
      }
    });

    it("gives a visitor no forms, and sends a visitor's post to the login page as the idea page does", async () => {
      const count = async () => (await server.database.db.select().from(comments).where(eq(comments.ideaId, id))).length;
      const before = await count();
      const html = await (await visitor.get(threadPath)).text();
      expect(html).not.toContain('name="intent"');
      expect(html).not.toContain("svara=");
      expect(html).toContain(`href="/logga-in?redirectTo=${encodeURIComponent(threadPath)}"`);
      const scoreBefore = await score(last);
      for (const form of [
        { intent: "vote", vote: `${last}:1` } as Record<string, string>,
        { intent: "comment", formId: `reply-${last}`, parentId: String(last), body: "Utan konto." },
      ]) {
        const refused = await visitor.post(threadPath, form);
        expect(refused.status, form.intent).toBe(302);
        expect(refused.headers.get("location"), form.intent).toBe(`/logga-in?redirectTo=${encodeURIComponent(threadPath)}`);
        const onIdeaPage = await visitor.post(path, form);
        expect(onIdeaPage.status, form.intent).toBe(302);
        expect(onIdeaPage.headers.get("location"), form.intent).toMatch(/^\/logga-in\?redirectTo=/);
      }
      expect(await count()).toBe(before);
      expect(await score(last)).toBe(scoreBefore);
    });

    it("ignores a crafted address to go back to: only this thread's page is ever the answer", async () => {
      const moderator = new HttpClient(server.url);
      await moderator.login("moderator@example.se");
      const crafted = [
        "https://evil.example/",
        "//evil.example/ideer",
        "/\\evil.example",
        `${ideaPath}/trad/1`,
        `efter=${replies[9]}/../../../sok`,
        "efter=1e3",
      ];
      for (const target of crafted) {
        const voted = await moderator.post(threadPath, {
          intent: "vote",
          vote: `${replies[3]}:1`,
          back: target,
          returnTo: target,
        });
        expect(voted.headers.get("location"), target).toBe(`${threadPath}#kommentar-${replies[3]}`);
      }
      const replied = await reply(moderator, replies[3], "Ett svar med en falsk adress.", {
        extra: { back: crafted[0], returnTo: crafted[0], redirectTo: crafted[0] },
      });
      expect(replied.headers.get("location")).toBe(`${threadPath}#kommentar-${newId(replied)}`);
      // Nor does the idea page follow one.
      const onIdeaPage = await moderator.post(path, {
        intent: "comment",
        body: "Ett inlägg med en falsk adress.",
        returnTo: crafted[0],
        back: crafted[1],
      });
      expect(onIdeaPage.headers.get("location")).toBe(`${path}#kommentar-${newId(onIdeaPage)}`);
    });
  });

  it("answers 404 for a thread that is not a top-level comment of the idea, and ignores a bad cursor", async () => {
    const created = await erik.post("/utmaningar/narvaro-i-skolan/ny-ide", {
      intent: "save",
      title: "Idé för trådsidans fel",
      body: "Text",
    });
    const path = created.headers.get("location")!;
    const root = await comment(amina, "En tråd här.", undefined, path);
    const reply = await comment(erik, "Ett svar här.", root.id, path);
    const foreign = await comment(amina, "En tråd på en annan idé.");
    for (const url of [
      `${path}/trad/${foreign.id}`,
      `${path}/trad/${reply.id}`,
      `${path}/trad/999999`,
      `${path}/trad/abc`,
      `/ideer/999999/trad/${root.id}`,
      `/ideer/abc/trad/${root.id}`,
    ]) {
      const response = await visitor.get(url);
      expect(response.status, url).toBe(404);
      expect(visibleText(await response.text()), url).toContain(copy("error.notFoundTitle"));
    }
    for (const cursor of ["abc", "-1", "99999999999999", String(foreign.id), String(root.id), "1e3"]) {
      const response = await visitor.get(`${path}/trad/${root.id}?efter=${encodeURIComponent(cursor)}`);
      expect(response.status, cursor).toBe(200);
      expect(await response.text(), cursor).toContain("Ett svar här.");
    }
    // Removed text is not sent here either.
    await server.database.db.update(comments).set({ deletedAt: new Date() }).where(eq(comments.id, reply.id));
    const html = await (await visitor.get(`${path}/trad/${root.id}`)).text();
    expect(html).not.toContain("Ett svar här.");
    expect(visibleText(html)).toContain(copy("comment.deleted"));
  });

  it("toggles support with plain form posts; the author cannot support; a visitor is sent to log in", async () => {
    const count = async () => visibleText(await (await visitor.get(ideaPath)).text()).match(/(\d+) stöd/)?.[1];
    expect(await count()).toBe("0");
    const own = await amina.post(ideaPath, { intent: "support", value: "on" });
    expect(own.status).toBe(403);
    expect(visibleText(await own.text())).toContain(copy("idea.ownIdea"));
    expect((await erik.post(ideaPath, { intent: "support", value: "on" })).status).toBe(302);
    expect((await erik.post(ideaPath, { intent: "support", value: "on" })).status).toBe(302);
    expect(await count()).toBe("1");
    const page = await (await erik.get(ideaPath)).text();
    expect(page).toMatch(/<input type="hidden" name="value" value="off"\/>/);
    expect((await erik.post(ideaPath, { intent: "support", value: "off" })).status).toBe(302);
    expect(await count()).toBe("0");
    const anonymous = await visitor.post(ideaPath, { intent: "support", value: "on" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/logga-in/);
    expect((await erik.post("/ideer/999999", { intent: "support", value: "on" })).status).toBe(404);
  });

  it("sets, changes and removes a comment vote; rejects bad values and unknown comments", async () => {
    const target = await comment(amina, "Rösta på mig");
    const score = async () => {
      const [row] = await server.database.db.select().from(comments).where(eq(comments.id, target.id));
      return row.score;
    };
    const vote = (value: string, id = String(target.id)) => erik.post(ideaPath, { intent: "vote", vote: `${id}:${value}` });
    expect((await vote("1")).status).toBe(302);
    expect(await score()).toBe(1);
    const page = await (await erik.get(ideaPath)).text();
    // One form carries every vote of the page; each comment's buttons name it and say what they send.
    const voteForms = formsOf(page).filter((f) => f.fields.some((field) => field.name === "intent" && field.value === "vote"));
    expect(voteForms).toHaveLength(1);
    const buttons = voteForms[0].fields.filter((field) => field.name === "vote");
    expect(buttons.length).toBeGreaterThanOrEqual(2);
    expect(buttons.every((b) => b.tag === "button" && b.form === voteForms[0].attrs.id && /^\d+:(-1|0|1)$/.test(b.value))).toBe(
      true,
    );
    const pressed = buttons.filter((b) => b.value.startsWith(`${target.id}:`) && b["aria-pressed"] === "true");
    expect(pressed.map((b) => b.value)).toEqual([`${target.id}:0`]);
    expect(elements(page, "button").find((b) => attr(b, "value") === `${target.id}:0`)).toBeDefined();
    expect(visibleText(page)).toContain(copy("comment.removeVote"));
    expect((await vote("-1")).status).toBe(302);
    expect(await score()).toBe(-1);
    expect((await vote("0")).status).toBe(302);
    expect(await score()).toBe(0);
    expect((await vote("5")).status).toBe(400);
    expect((await vote("1", "999999")).status).toBe(404);
    expect((await vote("1", "abc")).status).toBe(400);
    expect((await amina.post(ideaPath, { intent: "vote", vote: `${target.id}:1` })).status).toBe(403);
    expect((await erik.post(ideaPath, { intent: "nonsense" })).status).toBe(400);
  });

  it("says clearly when a resident comments or votes too often (429)", async () => {
    const busy = new HttpClient(server.url);
    await busy.login("labbet@example.se");
    let last: Response | undefined;
    for (let i = 0; i <= voteLimit; i++) last = await busy.post(ideaPath, { intent: "support", value: i % 2 ? "off" : "on" });
    expect(last!.status).toBe(429);
    expect(last!.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(visibleText(await last!.text())).toMatch(/för många gånger på kort tid\. Vänta \d+ minuter/);
    for (let i = 0; i < commentLimit; i++) expect((await comment(busy, `Kommentar ${i}`)).response.status).toBe(302);
    const refused = await comment(busy, "En för mycket");
    expect(refused.response.status).toBe(429);
    const html = await refused.response.text();
    expect(visibleText(html)).toMatch(/Vänta \d+ minuter och försök igen/);
    expect(html).toContain(">En för mycket</textarea>");
    expect(refused.response.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  it("renders a display name with markup as text", async () => {
    const mallory = new HttpClient(server.url);
    const registered = await registerThroughMail(mallory, {
      email: `mallory-${kind}@example.se`,
      displayName: "<img src=x onerror=alert(1)>",
      password: "ett-langt-och-ovanligt-losenord-42",
    });
    expect(registered.status).toBe(302);
    expect((await comment(mallory, "[klicka](javascript:alert(1)) <script>alert(1)</script>")).response.status).toBe(302);
    const html = await (await visitor.get(ideaPath)).text();
    expect(executableMarkup(html)).toEqual([]);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(await userId(server.database.db, `mallory-${kind}@example.se`)).toBeTruthy();
  });
});
