import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { startTestServer, type TestServer } from "../support/server";
import { databaseKinds } from "../support/databases";
import { HttpClient } from "../support/http";
import { challenges, comments, ideas, users } from "../../db/schema";
import { excerpt, listProfileComments, listProfileIdeas, profilePageSize } from "../../app/domain/profiles/profiles.server";
import { copy } from "../support/copy";

describe("excerpt", () => {
  it("turns Markdown into a short plain line", () => {
    expect(excerpt("**Bra** idé, se [länken](https://example.se)!\n\n> citat")).toBe("Bra idé, se länken! citat");
    expect(excerpt("ord ".repeat(100))).toHaveLength(200);
  });
});

describe.each(databaseKinds)("GET /anvandare/:id on %s", (kind) => {
  let server: TestServer;
  let http: HttpClient;
  let amina: { id: string; email: string };
  let erik: { id: string };

  beforeAll(async () => {
    server = await startTestServer(kind);
    http = new HttpClient(server.url);
    [amina] = await server.database.db.select().from(users).where(eq(users.email, "invanare@example.se"));
    [erik] = await server.database.db.select().from(users).where(eq(users.email, "invanare2@example.se"));
  });
  afterAll(() => server?.close());

  async function page(path: string) {
    const response = await http.get(path);
    return { status: response.status, html: await response.text() };
  }

  it("shows name, role, member since, ideas and comments with links, but no email", async () => {
    const { status, html } = await page(`/anvandare/${amina.id}`);
    expect(status).toBe(200);
    expect(html).toContain("<h1>Amina Invånare</h1>");
    expect(html).toContain("Roll: Invånare");
    expect(html).toMatch(/Medlem sedan \d{1,2} \p{L}+ \d{4}/u);
    expect(html).toContain("Idéer (2)");
    expect(html).toContain("Frukostklubb som får fler att komma i tid");
    expect(html).toContain("Drop-in-samtal på biblioteket på kvällstid");
    expect(html).toContain("Kommentarer (1)");
    expect(html).toMatch(/href="\/ideer\/\d+#kommentar-\d+"/);
    expect(html).toContain("Vet du varför de slutade? Var det pengarna?");
    expect(html).not.toContain(amina.email);
    expect(html).not.toContain("@example.se");
  });

  it("leaves out hidden and deleted ideas and comments, and comments on hidden ideas", async () => {
    const db = server.database.db;
    const [challenge] = await db.select().from(challenges).where(eq(challenges.slug, "narvaro-i-skolan"));
    const [hiddenIdea] = await db
      .insert(ideas)
      .values({ challengeId: challenge.id, authorId: erik.id, title: "Dold idé av Erik", body: "x", hidden: true })
      .returning();
    await db
      .insert(ideas)
      .values({ challengeId: challenge.id, authorId: erik.id, title: "Borttagen idé av Erik", body: "x", deletedAt: new Date() });
    const [visibleIdea] = await db
      .insert(ideas)
      .values({ challengeId: challenge.id, authorId: amina.id, title: "Synlig idé", body: "x" })
      .returning();
    await db.insert(comments).values([
      { ideaId: visibleIdea.id, authorId: erik.id, body: "Dold kommentar av Erik", hidden: true },
      { ideaId: visibleIdea.id, authorId: erik.id, body: "Borttagen kommentar av Erik", deletedAt: new Date() },
      { ideaId: hiddenIdea.id, authorId: erik.id, body: "Kommentar under dold idé" },
      { ideaId: visibleIdea.id, authorId: erik.id, body: "Synlig kommentar av Erik" },
    ]);
    const { html } = await page(`/anvandare/${erik.id}`);
    expect(html).toContain("Synlig kommentar av Erik");
    for (const text of [
      "Dold idé av Erik",
      "Borttagen idé av Erik",
      "Dold kommentar av Erik",
      "Borttagen kommentar av Erik",
      "Kommentar under dold idé",
    ]) {
      expect(html).not.toContain(text);
    }
    expect(html).toContain("Idéer (2)");
    expect(html).toContain("Kommentarer (3)");
  });

  it("pages ideas and comments separately, newest first", async () => {
    const db = server.database.db;
    const [challenge] = await db.select().from(challenges).where(eq(challenges.slug, "lasglada-barn"));
    const [writer] = await db
      .insert(users)
      .values({ id: "skrivaretest0001", email: "skrivare@example.se", displayName: "Flitig Skribent", passwordHash: "x" })
      .returning();
    const start = Date.parse("2025-01-01T12:00:00Z");
    const made = await db
      .insert(ideas)
      .values(
        Array.from({ length: profilePageSize + 2 }, (_, i) => ({
          challengeId: challenge.id,
          authorId: writer.id,
          title: `Bokidé ${i}`,
          body: "Böcker.",
          createdAt: new Date(start + i * 60_000),
        })),
      )
      .returning();
    await db.insert(comments).values({ ideaId: made[0].id, authorId: writer.id, body: "En egen kommentar" });

    const first = await listProfileIdeas(db, writer.id, 1);
    expect(first.total).toBe(profilePageSize + 2);
    expect(first.items[0].title).toBe(`Bokidé ${profilePageSize + 1}`);
    expect((await listProfileIdeas(db, writer.id, 2)).items.map((i) => i.title)).toEqual(["Bokidé 1", "Bokidé 0"]);
    expect((await listProfileComments(db, writer.id, 1)).items).toHaveLength(1);

    const one = await page(`/anvandare/${writer.id}`);
    expect(one.html).toContain("Sida 1 av 2");
    expect(one.html).toContain(`href="/anvandare/${writer.id}?ideer=2"`);
    const two = await page(`/anvandare/${writer.id}?ideer=2`);
    expect(two.html).toContain("Bokidé 0");
    expect(two.html).not.toContain(`Bokidé ${profilePageSize + 1}`);
    expect(two.html).toContain("En egen kommentar");
    expect((await page(`/anvandare/${writer.id}?ideer=abc&kommentarer=-4`)).status).toBe(200);
  });

  it("answers the Swedish 404 for unknown or malformed ids", async () => {
    for (const id of ["finnsinte", "x".repeat(300), encodeURIComponent("'; drop table users; --"), "%C3%A5%C3%A4"]) {
      const { status, html } = await page(`/anvandare/${id}`);
      expect(status, id).toBe(404);
      expect(html).toContain(copy("error.notFoundTitle"));
    }
  });
});
