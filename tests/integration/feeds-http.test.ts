import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ideas, newsItems } from "../../db/schema";
import { createIdea } from "../../app/domain/ideas/ideas.server";
import { databaseKinds } from "../support/databases";
import { HttpClient } from "../support/http";
import { startTestServer, type TestServer } from "../support/server";
import { challengeId, userId } from "./ideas-fixtures";
import { attr, elements } from "../support/html";
import { copy } from "../support/copy";

function entries(xml: string): string[] {
  return [...xml.matchAll(/<entry>[\s\S]*?<\/entry>/g)].map((m) => m[0]);
}

describe.each(databaseKinds)("Atom feeds on %s", (kind) => {
  let server: TestServer;
  let client: HttpClient;

  beforeAll(async () => {
    server = await startTestServer(kind);
    client = new HttpClient(server.url);
  });
  afterAll(() => server?.close());

  async function feed(path: string) {
    const response = await client.get(path);
    expect(response.status, path).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/atom+xml");
    const xml = await response.text();
    expect(xml).toMatch(/^<\?xml[^>]*\?>\s*<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/);
    return xml;
  }

  it("are announced on the pages they follow (feed autodiscovery), titled in the reader's language", async () => {
    const [{ slug: project }] = await server.database.rows<{ slug: string }>(
      sql`select slug from lab_projects order by id limit 1`,
    );
    const announced = async (path: string, reader = client) => {
      const html = await (await reader.get(path)).text();
      return elements(html, "link")
        .filter((l) => attr(l, "rel") === "alternate" && attr(l, "type") === "application/atom+xml")
        .map((l) => ({ href: attr(l, "href")!, title: attr(l, "title")! }));
    };
    expect(await announced("/")).toEqual([
      { href: "/aktuellt.atom", title: copy("news.feedTitle") },
      { href: "/projekt/uppdateringar.atom", title: copy("news.projectsFeedTitle") },
    ]);
    expect(await announced("/aktuellt")).toEqual([{ href: "/aktuellt.atom", title: copy("news.feedTitle") }]);
    const [{ title }] = await server.database.rows<{ title: string }>(
      sql`select title from challenges where slug = 'narvaro-i-skolan'`,
    );
    expect(await announced("/utmaningar/narvaro-i-skolan")).toEqual([
      { href: "/utmaningar/narvaro-i-skolan/ideer.atom", title: copy("news.ideasFeedTitle", { title }) },
    ]);
    expect(await announced(`/projekt/${project}`)).toEqual([
      { href: "/projekt/uppdateringar.atom", title: copy("news.projectsFeedTitle") },
    ]);
    const english = new HttpClient(server.url);
    await english.post("/sprak", { locale: "en", redirectTo: "/" });
    expect((await announced("/", english)).map((l) => l.title)).toEqual([
      copy("news.feedTitle", {}, "en"),
      copy("news.projectsFeedTitle", {}, "en"),
    ]);
    // Every announced feed answers.
    for (const path of ["/", "/utmaningar/narvaro-i-skolan", `/projekt/${project}`])
      for (const { href } of await announced(path)) await feed(href);
  });

  it("lists published news with absolute links and leaves unpublished items out", async () => {
    await server.database.db.update(newsItems).set({ published: false }).where(eq(newsItems.slug, "frukostklubben-har-startat"));
    const xml = await feed("/aktuellt.atom");
    expect(xml).toContain("Samhällsforum öppnar för invånarnas idéer");
    expect(xml).toContain(`${server.url}/aktuellt/samhallsforum-oppnar`);
    expect(xml).not.toContain("Frukostklubben har startat");
    expect(entries(xml).length).toBe(3);
  });

  it("lists a challenge's new ideas, never hidden or deleted ones, and escapes what residents wrote", async () => {
    const db = server.database.db;
    const base = { challengeId: await challengeId(db, "narvaro-i-skolan"), authorId: await userId(db, "invanare@example.se") };
    const shown = await createIdea(db, {
      ...base,
      title: "Flödesidé <b>&</b> mer",
      body: "Synlig <script>alert(1)</script> text.",
    });
    const hidden = await createIdea(db, { ...base, title: "Dold flödesidé", body: "Ska inte synas." });
    const deleted = await createIdea(db, { ...base, title: "Raderad flödesidé", body: "Ska inte synas." });
    if (!shown.ok || !hidden.ok || !deleted.ok) throw new Error("could not create ideas");
    await db.update(ideas).set({ hidden: true }).where(eq(ideas.id, hidden.ideaId));
    await db.update(ideas).set({ deletedAt: new Date() }).where(eq(ideas.id, deleted.ideaId));
    const xml = await feed("/utmaningar/narvaro-i-skolan/ideer.atom");
    expect(xml).toContain(`${server.url}/ideer/${shown.ideaId}`);
    expect(xml).not.toContain("Dold flödesidé");
    expect(xml).not.toContain("Raderad flödesidé");
    expect(xml).not.toContain("<script>");
    expect(xml).not.toContain("<b>&</b>");
    expect((await client.get("/utmaningar/finns-inte/ideer.atom")).status).toBe(404);
  });

  it("lists project updates and status changes", async () => {
    const xml = await feed("/projekt/uppdateringar.atom");
    expect(xml).toContain("Frukostklubb för bättre närvaro: Pågående");
    expect(xml).toContain("Frukostklubb för bättre närvaro: ny uppdatering");
    expect(entries(xml).length).toBe(3);
  });
});
