import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { startTestServer, type TestServer } from "../support/server";
import { HttpClient } from "../support/http";
import { databaseKinds } from "../support/databases";
import { challenges, ideas, liveEvents } from "../../db/schema";
import { createIdea } from "../../app/domain/ideas/ideas.server";
import { setSupport } from "../../app/domain/votes/votes.server";
import { createComment } from "../../app/domain/comments/comments.server";
import { createResidents } from "./ideas-fixtures";
import { attr, elements, executableMarkup, textOf, visibleText } from "../support/html";
import { copy } from "../support/copy";

// Room for the XSS ideas, still a limit to hit.
const ideaLimit = 15;
const config = { rateLimits: { ideas: { points: ideaLimit, seconds: 3600 } } };

const xssPayloads = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "[x](javascript:alert(1))",
  '<a href="javascript:alert(1)">klicka</a>',
  "<svg onload=alert(1)>",
  "[y](JaVaScRiPt:alert(1))",
  "<iframe src=javascript:alert(1)></iframe>",
  '"><script>alert(1)</script>',
  "![bild](javascript:alert(1))",
  "[z](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
];

describe.each(databaseKinds)("ideas over HTTP on %s", (kind) => {
  let server: TestServer;
  let amina: HttpClient;
  let erik: HttpClient;
  let visitor: HttpClient;

  beforeAll(async () => {
    server = await startTestServer(kind, { config });
    amina = new HttpClient(server.url);
    erik = new HttpClient(server.url);
    visitor = new HttpClient(server.url);
    await amina.login("invanare@example.se");
    await erik.login("invanare2@example.se");
  });
  afterAll(() => server?.close());

  const newIdeaPath = "/utmaningar/narvaro-i-skolan/ny-ide";

  async function postIdea(client: HttpClient, title: string, body: string, path = newIdeaPath) {
    return client.post(path, { intent: "save", title, body });
  }

  it("sends a visitor to the login page instead of the form", async () => {
    const response = await visitor.get(newIdeaPath);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/logga-in?redirectTo=${encodeURIComponent(newIdeaPath)}`);
  });

  it("previews without JavaScript and keeps what was typed", async () => {
    const response = await amina.post(newIdeaPath, { intent: "preview", title: "Ti", body: "Hej **världen**" });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("<strong>världen</strong>");
    expect(html).toMatch(/<input[^>]*name="title"[^>]*value="Ti"/);
    expect(html).toMatch(/<textarea[^>]*name="body"[^>]*>Hej \*\*världen\*\*<\/textarea>/);
    expect(visibleText(html)).not.toContain("Minst 5 tecken");
  });

  it.each([
    ["a too short title", "Kort", "Text", "Minst 5 tecken."],
    ["a too long title", "x".repeat(141), "Text", "Högst 140 tecken."],
    ["an empty body", "En bra rubrik", "   ", "Fältet måste fyllas i."],
    ["a too long body", "En bra rubrik", "y".repeat(10_001), "Högst 10000 tecken."],
  ])("answers %s with 400, the message and the typed text", async (_name, title, body, message) => {
    const response = await postIdea(amina, title, body);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(visibleText(html)).toContain(message);
    expect(html).toContain(`value="${title}"`);
  });

  it("refuses a closed challenge with a clear message", async () => {
    const page = await amina.get("/utmaningar/fritid-for-alla/ny-ide");
    expect(page.status).toBe(200);
    expect(visibleText(await page.text())).toContain(copy("idea.challengeClosed"));
    const response = await postIdea(amina, "En idé i stängd utmaning", "Text", "/utmaningar/fritid-for-alla/ny-ide");
    expect(response.status).toBe(409);
    expect(visibleText(await response.text())).toContain("Utmaningen tar inte emot nya idéer");
    const challengePage = visibleText(await (await visitor.get("/utmaningar/fritid-for-alla")).text());
    expect(challengePage).not.toContain(copy("idea.share"));
  });

  it("publishes an idea, records idea.created and shows it on the challenge page", async () => {
    const response = await postIdea(amina, "Cykelbuss till skolan", "Vuxna turas om att **cykla** med barnen.");
    expect(response.status).toBe(302);
    const location = response.headers.get("location")!;
    const id = Number(location.match(/^\/ideer\/(\d+)$/)?.[1]);
    const page = await visitor.get(location);
    const html = await page.text();
    expect(html).toContain("<strong>cykla</strong>");
    expect(html).toMatch(/<a[^>]*href="\/anvandare\/[a-z0-9]+"[^>]*>Amina Invånare<\/a>/);
    expect(html).toMatch(/<time dateTime="\d{4}-\d\d-\d\dT[^"]+"[^>]*>nu<\/time>/);
    const events = await server.database.db.select().from(liveEvents).where(eq(liveEvents.type, "idea.created"));
    expect(events.some((e) => (e.payload as { id: number }).id === id)).toBe(true);
    const list = visibleText(await (await visitor.get("/utmaningar/narvaro-i-skolan?sortering=nya")).text());
    expect(list).toContain("Cykelbuss till skolan");
    expect(list.indexOf("Cykelbuss till skolan")).toBeLessThan(list.indexOf("Frukostklubb som får fler att komma i tid"));
  });

  it("lets only the author edit; the page says redigerad and anyone can read the history", async () => {
    const created = await postIdea(erik, "Läxcafé på biblioteket", "Första versionen.");
    const path = created.headers.get("location")!;
    expect((await amina.get(`${path}/redigera`)).status).toBe(403);
    expect((await amina.post(`${path}/redigera`, { intent: "save", title: "Kapad", body: "Kapad" })).status).toBe(403);
    const edited = await erik.post(`${path}/redigera`, {
      intent: "save",
      title: "Läxcafé på stadsbiblioteket",
      body: "Andra versionen.",
    });
    expect(edited.status).toBe(302);
    const page = visibleText(await (await visitor.get(path)).text());
    expect(page).toContain("Läxcafé på stadsbiblioteket");
    expect(page).toContain(copy("idea.edited"));
    const history = visibleText(await (await visitor.get(`${path}/historik`)).text());
    expect(history).toContain("Första versionen.");
    expect(history).toContain("Andra versionen.");
    expect(history).toContain("Läxcafé på biblioteket");
  });

  it("deletes softly: the idea reads as removed by its author and its comments stay", async () => {
    const created = await postIdea(erik, "Idé som tas bort", "Hemlig text som ska försvinna.");
    const path = created.headers.get("location")!;
    expect((await amina.post(path, { intent: "comment", body: "En kommentar som ska stå kvar." })).status).toBe(302);
    expect((await amina.post(`${path}/redigera`, { intent: "delete" })).status).toBe(403);
    expect((await erik.post(`${path}/redigera`, { intent: "delete" })).status).toBe(302);
    const html = await (await visitor.get(path)).text();
    const text = visibleText(html);
    expect(text).toContain(copy("idea.deletedByAuthor"));
    expect(html).not.toContain("Hemlig text");
    expect(text).toContain("En kommentar som ska stå kvar.");
    const history = await (await visitor.get(`${path}/historik`)).text();
    expect(history).not.toContain("Hemlig text");
    const id = Number(path.split("/").pop());
    const [row] = await server.database.db.select().from(ideas).where(eq(ideas.id, id));
    expect(row.deletedAt).toBeInstanceOf(Date);
  });

  it.each([
    "/ideer/999999",
    "/ideer/abc",
    "/ideer/99999999999",
    "/ideer/999999/redigera",
    "/ideer/999999/historik",
    "/utmaningar/finns-inte/ny-ide",
  ])("answers %s with the Swedish 404 page", async (path) => {
    const response = await amina.get(path);
    expect(response.status).toBe(404);
    expect(visibleText(await response.text())).toContain(copy("error.notFoundTitle"));
  });

  it("renders every XSS payload inert in titles, bodies and names", async () => {
    for (const payload of xssPayloads) {
      const title = `Test ${payload}`.slice(0, 140);
      const response = await postIdea(amina, title, `Text före ${payload} och efter`);
      expect(response.status, payload).toBe(302);
      const path = response.headers.get("location")!;
      expect((await erik.post(path, { intent: "comment", body: payload })).status).toBe(302);
      for (const page of [path, `${path}/historik`, "/utmaningar/narvaro-i-skolan?sortering=nya"]) {
        const html = await (await visitor.get(page)).text();
        expect(executableMarkup(html), `${payload} on ${page}`).toEqual([]);
      }
      const preview = await amina.post(newIdeaPath, { intent: "preview", title: payload, body: payload });
      expect(executableMarkup(await preview.text()), `${payload} in preview`).toEqual([]);
    }
    // The live preview, fetched the way the form's fetcher does it (single fetch, .data).
    const live = await amina.post("/forhandsgranska.data", { body: xssPayloads.join("\n\n") });
    expect(live.status).toBe(200);
    const stream = await live.text();
    expect(stream).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(stream).not.toMatch(/<script|<img|<svg|<iframe|href=\\?"javascript:/i);
  });

  it("limits how many ideas one resident can post and says so with a 429", async () => {
    const limited = new HttpClient(server.url);
    await limited.login("moderator@example.se");
    let last: Response | undefined;
    for (let i = 0; i <= ideaLimit; i++) {
      last = await postIdea(limited, `Moderatorns idé ${i}`, "Text");
      expect(last.status).toBe(i < ideaLimit ? 302 : 429);
    }
    expect(last!.headers.get("retry-after")).toMatch(/^\d+$/);
    const html = await last!.text();
    expect(visibleText(html)).toMatch(/Vänta \d+ minuter och försök igen/);
    expect(html).toContain(`value="Moderatorns idé ${ideaLimit}"`);
  });
});

describe.each(databaseKinds)("the challenge page's idea list on %s", (kind) => {
  let server: TestServer;
  const slug = "lasglada-barn";

  beforeAll(async () => {
    server = await startTestServer(kind, { config });
    const db = server.database.db;
    const [challenge] = await db.select().from(challenges).where(eq(challenges.slug, slug));
    const people = await createResidents(db, 4, "sorterare");
    const made: number[] = [];
    for (let i = 0; i < 23; i++) {
      const r = await createIdea(db, {
        challengeId: challenge.id,
        authorId: people[0],
        title: `Läsidé ${String(i).padStart(2, "0")}`,
        body: "Text",
      });
      if (r.ok) made.push(r.ideaId);
    }
    for (const p of people.slice(1)) await setSupport(db, { ideaId: made[3], userId: p, supported: true });
    await setSupport(db, { ideaId: made[5], userId: people[1], supported: true });
    for (let i = 0; i < 4; i++) await createComment(db, { ideaId: made[7], authorId: people[1], body: "Kommentar" });
    await db.update(ideas).set({ status: "declined" }).where(eq(ideas.id, made[9]));
  });
  afterAll(() => server?.close());

  /** The titles of the idea cards: a link to the idea as a card's heading. */
  const ideaTitles = (html: string) =>
    elements(html, "h3").flatMap((h3) =>
      elements(h3, "a")
        .filter((a) => /^\/ideer\/\d+$/.test(attr(a, "href") ?? ""))
        .map((a) => textOf(a).trim()),
    );
  const titles = async (query: string) => {
    const html = await (await fetch(`${server.url}/utmaningar/${slug}${query}`)).text();
    return ideaTitles(html);
  };

  it("sorts by Mest stöd, Mest diskuterade, Nya and Populära, 20 a page with a link to the next", async () => {
    expect((await titles("?sortering=mest-stod")).slice(0, 2)).toEqual(["Läsidé 03", "Läsidé 05"]);
    expect((await titles("?sortering=mest-diskuterade"))[0]).toBe("Läsidé 07");
    const newest = await titles("?sortering=nya");
    expect(newest).toHaveLength(20);
    expect(newest[0]).toBe("Läsidé 22");
    expect((await titles(""))[0]).toBe("Läsidé 03");
    const html = await (await fetch(`${server.url}/utmaningar/${slug}?sortering=nya`)).text();
    const next = elements(html, "a")
      .filter((a) => /efter=\d+/.test(attr(a, "href") ?? "") && textOf(a).includes("Nästa sida"))
      .map((a) => attr(a, "href"))[0];
    expect(next).toContain("sortering=nya");
    const rest = await (await fetch(new URL(next!, server.url))).text();
    const restTitles = ideaTitles(rest);
    expect(restTitles).toEqual(["Läsidé 02", "Läsidé 01", "Läsidé 00"]);
    expect(visibleText(html)).toContain(copy("idea.share"));
  });

  it("filters by status and ignores unknown sorts and statuses", async () => {
    expect(await titles("?status=declined")).toEqual(["Läsidé 09"]);
    expect(await titles("?status=promoted")).toEqual([]);
    expect((await fetch(`${server.url}/utmaningar/${slug}?status=hackad&sortering=x&efter=abc`)).status).toBe(200);
  });
});
