import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../support/databases";
import { ideas, labProjects, newsItems, projectIdeas } from "../../db/schema";
import { createIdea } from "../../app/domain/ideas/ideas.server";
import { promoteIdeas } from "../../app/domain/lab/decisions.server";
import { createNews } from "../../app/domain/site/news.server";
import { insertWithUniqueSlug } from "../../app/domain/site/slugs.server";
import { challengeId, userId } from "./ideas-fixtures";

/**
 * Slugs are unique (lab_projects_slug_key, news_items_slug_key). Transactions that pick the same
 * free slug at the same time must not fail: the one that commits second takes the next one.
 */
describe.each(databaseKinds)("unique slugs under concurrent inserts on %s", (kind) => {
  let database: TestDatabase;
  let db: TestDatabase["db"];
  let author: string;
  let staff: string;
  let challenge: number;

  beforeAll(async () => {
    database = await createTestDatabase(kind, { seed: true, max: 30 });
    db = database.db;
    author = await userId(db, "invanare@example.se");
    staff = await userId(db, "labbet@example.se");
    challenge = await challengeId(db, "narvaro-i-skolan");
  });
  afterAll(() => database?.close());

  it("ten promotions with the same title at once all succeed, with distinct slugs", async () => {
    const ideaIds: number[] = [];
    for (let i = 0; i < 10; i++) {
      const created = await createIdea(db, {
        challengeId: challenge,
        authorId: author,
        title: `Samtidig idé nummer ${i}`,
        body: "Text om idén",
      });
      if (!created.ok) throw new Error(created.problem);
      ideaIds.push(created.ideaId);
    }
    const results = await Promise.all(
      ideaIds.map((id) =>
        promoteIdeas(db, {
          actorId: staff,
          ideaIds: [id],
          title: "Läxhjälp i skolans bibliotek",
          summary: "Vi prövar läxhjälp två kvällar i veckan.",
          leadId: staff,
          partnerIds: [],
          reason: "Prövas tillsammans med skolan.",
        }),
      ),
    );
    expect(results.map((r) => r.ok)).toEqual(Array(10).fill(true));
    const slugs = results.map((r) => (r.ok ? r.slug : ""));
    expect(new Set(slugs).size).toBe(10);
    expect([...slugs].sort()).toEqual(
      ["laxhjalp-i-skolans-bibliotek", ...Array.from({ length: 9 }, (_, i) => `laxhjalp-i-skolans-bibliotek-${i + 2}`)].sort(),
    );
    // Each idea is linked to the project its own promotion created, and nothing was half done.
    const links = await db.select().from(projectIdeas).where(inArray(projectIdeas.ideaId, ideaIds));
    expect(links).toHaveLength(10);
    expect(new Set(links.map((l) => l.projectId)).size).toBe(10);
    const projects = await db.select().from(labProjects).where(eq(labProjects.title, "Läxhjälp i skolans bibliotek"));
    expect(projects).toHaveLength(10);
    const statuses = await db.select({ status: ideas.status }).from(ideas).where(inArray(ideas.id, ideaIds));
    expect(statuses.every((s) => s.status === "promoted")).toBe(true);
  });

  it("news items with the same title at once all get their own slug", async () => {
    const form = {
      kind: "news" as const,
      title: "Öppet hus på Samhällslabbet",
      summary: "Välkommen att se vad vi gör.",
      body: "Vi visar pågående projekt och svarar på frågor.",
      date: "2026-05-04",
      published: true,
      online: false,
    };
    const rows = await Promise.all(Array.from({ length: 6 }, () => createNews(db, staff, form)));
    const slugs = rows.map((r) => r.slug);
    expect(new Set(slugs).size).toBe(6);
    expect(slugs.every((s) => s.startsWith("oppet-hus-pa-samhallslabbet"))).toBe(true);
    const stored = await db.select().from(newsItems).where(eq(newsItems.title, form.title));
    expect(stored).toHaveLength(6);
  });

  it("a clash rolls back only the failed insert and tries the next slug; other errors pass through", async () => {
    const row = (slug: string, title: string) => ({
      slug,
      kind: "news" as const,
      title,
      summary: "Sammanfattning",
      body: "Text",
      publishedAt: new Date(),
      published: false,
      authorId: staff,
    });
    let attempts = 0;
    const target = { table: newsItems, column: newsItems.slug, constraint: "news_items_slug_key" };
    const slug = await db.transaction(async (tx) => {
      await tx.insert(newsItems).values(row("krock-i-samma-transaktion-x", "Före"));
      return insertWithUniqueSlug(tx, target, "krock-i-samma-transaktion", async (candidate, savepoint) => {
        attempts++;
        // The first attempt meets a row that appeared after its slug was chosen, as a concurrent commit would.
        if (attempts === 1) await savepoint.insert(newsItems).values(row(candidate, "Hinner före"));
        await savepoint.insert(newsItems).values(row(candidate, "Krocken"));
        return candidate;
      });
    });
    expect(attempts).toBe(2);
    expect(slug).toBe("krock-i-samma-transaktion");
    const stored = await db
      .select({ slug: newsItems.slug, title: newsItems.title })
      .from(newsItems)
      .where(inArray(newsItems.title, ["Före", "Hinner före", "Krocken"]));
    expect(stored.sort((a, b) => a.slug.localeCompare(b.slug))).toEqual([
      { slug: "krock-i-samma-transaktion", title: "Krocken" },
      { slug: "krock-i-samma-transaktion-x", title: "Före" },
    ]);
    // A violation of another constraint is not a slug clash: it is not retried.
    await expect(
      db.transaction((tx) =>
        insertWithUniqueSlug(
          tx,
          { ...target, constraint: "some_other_key" },
          "krock-i-samma-transaktion",
          (candidate, savepoint) => savepoint.insert(newsItems).values(row("krock-i-samma-transaktion", "Igen")),
        ),
      ),
    ).rejects.toThrow();
  });
});
