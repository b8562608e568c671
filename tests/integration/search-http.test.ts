import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { startTestServer, type TestServer } from "../support/server";
import { databaseKinds } from "../support/databases";
import { HttpClient } from "../support/http";
import { challenges, ideas, users } from "../../db/schema";
import { searchCandidateLimit } from "../../app/domain/search/search.server";
import { copy } from "../support/copy";

describe.each(databaseKinds)("GET /sok on %s", (kind) => {
  let server: TestServer;
  let http: HttpClient;

  beforeAll(async () => {
    server = await startTestServer(kind);
    http = new HttpClient(server.url);
  });
  afterAll(() => server?.close());

  async function page(path: string) {
    const response = await http.get(path);
    return { status: response.status, html: await response.text() };
  }

  it("shows only the form when there is no query", async () => {
    const { status, html } = await page("/sok");
    expect(status).toBe(200);
    expect(html).toContain('id="search-q"');
    expect(html).not.toContain(copy("search.resultsTitle"));
  });

  it("finds a seeded idea by an inflected word, links it and marks the match", async () => {
    const [idea] = await server.database.db
      .select()
      .from(ideas)
      .where(eq(ideas.title, "Frukostklubb som får fler att komma i tid"));
    const { status, html } = await page(`/sok?q=${encodeURIComponent("frukostklubben")}`);
    expect(status).toBe(200);
    expect(html).toContain(`href="/ideer/${idea.id}"`);
    expect(html).toContain("<mark>Frukostklubb</mark>");
    expect(html).toMatch(/1 träff för ”frukostklubben”/);
  });

  it("links a comment to its place on the idea page", async () => {
    const { html } = await page("/sok?q=anonym&typ=comment");
    expect(html).toMatch(/href="\/ideer\/\d+#kommentar-\d+"/);
    expect(html).toContain("<mark>anonym</mark>");
  });

  it("filters by focus area, challenge and idea status", async () => {
    const db = server.database.db;
    const [author] = await db.select().from(users).where(eq(users.email, "invanare@example.se"));
    const [challenge] = await db.select().from(challenges).where(eq(challenges.slug, "narvaro-i-skolan"));
    await db.insert(ideas).values({
      challengeId: challenge.id,
      authorId: author.id,
      title: "Morgonpromenad till skolan",
      body: "Morgonpromenader i grupp.",
    });
    expect((await page("/sok?q=morgonpromenad&omrade=nara-vard")).html).toContain("Inga träffar för ”morgonpromenad”");
    expect((await page("/sok?q=morgonpromenad&omrade=skolresultat")).html).toContain("1 träff för");
    expect((await page("/sok?q=morgonpromenad&utmaning=trygg-vag-till-skolan")).html).toContain("Inga träffar");
    expect((await page("/sok?q=morgonpromenad&utmaning=narvaro-i-skolan")).html).toContain("1 träff för");
    expect((await page("/sok?q=morgonpromenad&status=promoted")).html).toContain("Inga träffar");
    expect((await page("/sok?q=morgonpromenad&typ=comment")).html).toContain("Inga träffar");
    const open = await page("/sok?q=morgonpromenad&status=open&typ=idea");
    expect(open.html).toContain("1 träff för");
    expect(open.html).toMatch(/<option value="open" selected="">/);
  });

  it("escapes user text that ts_headline returns", async () => {
    const db = server.database.db;
    const [author] = await db.select().from(users).where(eq(users.email, "invanare@example.se"));
    const [challenge] = await db.select().from(challenges).where(eq(challenges.slug, "narvaro-i-skolan"));
    await db.insert(ideas).values({
      challengeId: challenge.id,
      authorId: author.id,
      title: "Giraffhuset <img src=x onerror=alert(1)>",
      body: 'Giraffhuset &lt;script&gt; <script>alert(2)</script> "citat"',
    });
    const { status, html } = await page("/sok?q=giraffhuset");
    expect(status).toBe(200);
    expect(html).toContain("<mark>Giraffhuset</mark> &lt;img src=x onerror=alert(1)&gt;");
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("<script>alert(2)");
    expect(html).toContain("&amp;lt;script&amp;gt;");
  });

  it("keeps hidden ideas out of the results", async () => {
    const db = server.database.db;
    const [author] = await db.select().from(users).where(eq(users.email, "invanare@example.se"));
    const [challenge] = await db.select().from(challenges).where(eq(challenges.slug, "narvaro-i-skolan"));
    await db
      .insert(ideas)
      .values({ challengeId: challenge.id, authorId: author.id, title: "Dold flamingoidé", body: "Flamingor.", hidden: true });
    expect((await page("/sok?q=flamingoidé")).html).toContain("Inga träffar");
  });

  it("answers 400 with a message, and keeps the text, when the query is too long", async () => {
    const long = "skolresultat ".repeat(20);
    const { status, html } = await page(`/sok?q=${encodeURIComponent(long)}`);
    expect(status).toBe(400);
    expect(html).toContain("Sökningen får vara högst 200 tecken lång");
    expect(html).toContain(`value="${long}"`);
    expect((await page(`/sok?q=${"a".repeat(200)}`)).status).toBe(200);
  });

  it("answers 400 with a message for filters that do not exist", async () => {
    for (const query of [
      "typ=bilder",
      "status=magisk",
      "sida=0",
      "sida=abc",
      "sida=99999",
      "omrade=finns-inte",
      "utmaning=finns-inte",
    ]) {
      const { status, html } = await page(`/sok?q=skola&${query}`);
      expect(status, query).toBe(400);
      expect(html, query).toMatch(/Ogiltigt filter|finns inte\. Välj/);
    }
  });

  it("copes with odd input without a server error", async () => {
    for (const q of [
      "och",
      "<script>alert(1)</script>",
      "'; drop table ideas; --",
      "a\u0000b",
      '"""',
      "-",
      "!!!",
      "ä".repeat(200),
      "\uD83D\uDE00 skola",
    ]) {
      const { status, html } = await page(`/sok?q=${encodeURIComponent(q)}`);
      expect(status, JSON.stringify(q)).toBe(200);
      expect(html).not.toContain("<script>alert(1)");
    }
    expect((await page("/sok?q=och")).html).toContain("bara vanliga småord");
  });

  it("says when a word matched more than it ranks, and how to narrow the search", async () => {
    const db = server.database.db;
    const [author] = await db.select().from(users).where(eq(users.email, "invanare2@example.se"));
    const [challenge] = await db.select().from(challenges).where(eq(challenges.slug, "narvaro-i-skolan"));
    await db.insert(ideas).values(
      Array.from({ length: searchCandidateLimit + 1 }, (_, i) => ({
        challengeId: challenge.id,
        authorId: author.id,
        title: `Snöskoter ${i}`,
        body: "En snöskoter till fjällskolan.",
      })),
    );
    const { status, html } = await page("/sok?q=sn%C3%B6skoter");
    expect(status).toBe(200);
    expect(html).toMatch(/Fler än 1[\u00a0\u202f ]000 träffar för ”snöskoter”/);
    expect(html).toMatch(/bara de 1[\u00a0\u202f ]000 nyaste av varje slag/);
    expect(html).toContain("Sida 1 av 50");
    const english = await fetch(new URL("/sok?q=sn%C3%B6skoter&sida=50", server.url), { headers: { Cookie: "sf_lang=en" } });
    const englishHtml = await english.text();
    expect(englishHtml).toContain("More than 1,000 results for “snöskoter”");
    expect(englishHtml.match(/class="card search-result"/g)).toHaveLength(20);
    expect((await page("/sok?q=sn%C3%B6skoter&typ=comment")).html).not.toContain("Fler än");
  });

  it("pages the results and keeps the query and filters in the links", async () => {
    const db = server.database.db;
    const [author] = await db.select().from(users).where(eq(users.email, "invanare2@example.se"));
    const [challenge] = await db.select().from(challenges).where(eq(challenges.slug, "narvaro-i-skolan"));
    await db.insert(ideas).values(
      Array.from({ length: 23 }, (_, i) => ({
        challengeId: challenge.id,
        authorId: author.id,
        title: `Pingisbord ${i}`,
        body: "Pingisbord på rasten.",
      })),
    );
    const first = await page("/sok?q=pingisbord&typ=idea");
    expect(first.html).toContain("23 träffar");
    expect(first.html).toContain('href="/sok?q=pingisbord&amp;typ=idea&amp;sida=2"');
    const second = await page("/sok?q=pingisbord&typ=idea&sida=2");
    expect(second.html).toContain('start="21"');
    expect(second.html.match(/class="card search-result"/g)).toHaveLength(3);
    expect((await page("/sok?q=pingisbord&typ=idea&sida=5")).html).toContain("inga fler träffar");
  });
});
