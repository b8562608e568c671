import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../support/databases";
import { challenges, comments, ideas, users } from "../../db/schema";
import { searchCandidateLimit, searchContent, searchPageSize } from "../../app/domain/search/search.server";
import { buildSearchQuery } from "../../app/domain/search/query.server";
import { highlightToHtml } from "../../app/domain/search/highlight";

describe("highlightToHtml", () => {
  it("escapes everything except its own markers", () => {
    expect(highlightToHtml(`a <script>"x" & 'y'</script> \uE000ord\uE001`)).toBe(
      "a &lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt; <mark>ord</mark>",
    );
  });

  it("never leaves a <mark> open or closes one it did not open", () => {
    expect(highlightToHtml("\uE001a\uE000b")).toBe("a<mark>b</mark>");
  });
});

describe.each(databaseKinds)("search on %s", (kind) => {
  let database: TestDatabase;
  let authorId: string;
  let otherId: string;
  const challengeIds: Record<string, number> = {};

  async function addIdea(challenge: string, title: string, body: string, extra: Partial<typeof ideas.$inferInsert> = {}) {
    const [row] = await database.db
      .insert(ideas)
      .values({ challengeId: challengeIds[challenge], authorId, title, body, ...extra })
      .returning({ id: ideas.id });
    return row.id;
  }

  async function addComment(ideaId: number, body: string, extra: Partial<typeof comments.$inferInsert> = {}) {
    const [row] = await database.db
      .insert(comments)
      .values({ ideaId, authorId: otherId, body, ...extra })
      .returning({ id: comments.id });
    return row.id;
  }

  beforeAll(async () => {
    database = await createTestDatabase(kind, { seed: true });
    const [author] = await database.db.select().from(users).where(eq(users.email, "invanare@example.se"));
    const [other] = await database.db.select().from(users).where(eq(users.email, "invanare2@example.se"));
    authorId = author.id;
    otherId = other.id;
    for (const c of await database.db.select().from(challenges)) challengeIds[c.slug] = c.id;
  });

  afterAll(() => database?.close());

  it("finds an idea about skolresultat when searching for skolresultaten", async () => {
    const id = await addIdea(
      "narvaro-i-skolan",
      "Läxcafé i trapphuset",
      "Läxhjälp varje tisdag ger bättre skolresultat för hela kvarteret.",
    );
    const page = await searchContent(database.db, "skolresultaten");
    const hit = page.results.find((r) => r.kind === "idea" && r.id === id);
    expect(hit).toBeDefined();
    expect(hit!.snippetHtml).toContain("<mark>skolresultat</mark>");
  });

  it("finds the inflected form when searching for the base form", async () => {
    const id = await addIdea("narvaro-i-skolan", "Tryggheten på rasten", "Vuxna på skolgården ökar tryggheten.");
    const page = await searchContent(database.db, "trygghet", { kind: "idea" });
    expect(page.results.map((r) => r.id)).toContain(id);
  });

  it("escapes user text in titles and snippets and marks only the matches", async () => {
    const id = await addIdea(
      "narvaro-i-skolan",
      "Zebrafinkar <b>i</b> klassrummet",
      'Zebrafinkar <script>alert("x")</script> & <img src=x onerror=alert(1)> \uE000falsk\uE001 markering.',
    );
    const page = await searchContent(database.db, "zebrafinkar");
    const hit = page.results.find((r) => r.id === id && r.kind === "idea")!;
    expect(hit.titleHtml).toBe("<mark>Zebrafinkar</mark> &lt;b&gt;i&lt;/b&gt; klassrummet");
    expect(hit.snippetHtml).toContain("<mark>Zebrafinkar</mark>");
    expect(hit.snippetHtml).not.toMatch(/<(script|img|b)\b/);
    expect(hit.snippetHtml).not.toContain("<mark>falsk</mark>");
    expect(hit.snippetHtml.match(/<mark>/g)).toHaveLength(1);
  });

  it("shows the text of Markdown in snippets, not its marks", async () => {
    const id = await addIdea(
      "narvaro-i-skolan",
      "Pepparkakor i matsalen",
      [
        "## Pepparkakor varje fredag",
        "",
        "Vi bakar **pepparkakor** med _eleverna_ och `deg` enligt [receptet](https://example.se/recept).",
        "",
        "- pepparkakor till alla",
        "1. först degen",
        "> pepparkakor är gott",
        "Mer på <https://example.se/pepparkakor>.",
      ].join("\n"),
    );
    const page = await searchContent(database.db, "pepparkakor", { kind: "idea" });
    const hit = page.results.find((r) => r.id === id)!;
    const snippet = hit.snippetHtml.replace(/<\/?mark>/g, "");
    expect(snippet).toContain("Vi bakar pepparkakor med eleverna och deg enligt receptet.");
    expect(snippet).toContain("https://example.se/pepparkakor");
    for (const mark of ["**", "](", "## ", "`", "&gt; pepparkakor", "- pepparkakor", "1. först", "&lt;https"])
      expect(snippet, mark).not.toContain(mark);
  });

  it("never finds hidden or deleted ideas and comments, nor comments on hidden ideas", async () => {
    const visible = await addIdea("narvaro-i-skolan", "Synlig kanelbulleidé", "Kanelbullar på fredagar.");
    const hidden = await addIdea("narvaro-i-skolan", "Dold kanelbulleidé", "Kanelbullar i smyg.", { hidden: true });
    const deleted = await addIdea("narvaro-i-skolan", "Borttagen kanelbulleidé", "Kanelbullar förr.", { deletedAt: new Date() });
    const shown = await addComment(visible, "Kanelbullar är toppen.");
    const hiddenComment = await addComment(visible, "Kanelbullar är dumma.", { hidden: true });
    const deletedComment = await addComment(visible, "Kanelbullar, nej.", { deletedAt: new Date() });
    const onHidden = await addComment(hidden, "Kanelbullar under en dold idé.");
    const page = await searchContent(database.db, "kanelbullar");
    const found = page.results.map((r) => `${r.kind}:${r.id}`).sort();
    expect(found).toEqual([`comment:${shown}`, `idea:${visible}`].sort());
    for (const id of [hidden, deleted]) expect(found).not.toContain(`idea:${id}`);
    for (const id of [hiddenComment, deletedComment, onHidden]) expect(found).not.toContain(`comment:${id}`);
    expect(page.total).toBe(2);
    expect(page.capped).toBe(false);
  });

  it("finds challenges and links comments to their idea", async () => {
    const page = await searchContent(database.db, "skolvägen");
    const challenge = page.results.find((r) => r.kind === "challenge");
    expect(challenge).toMatchObject({ kind: "challenge", slug: "trygg-vag-till-skolan" });
    const ideaId = await addIdea("narvaro-i-skolan", "Idé om <hundar>", "Hundar.");
    const commentId = await addComment(ideaId, "Terapihundar på vårdcentralen vore fint.");
    const [comment] = (await searchContent(database.db, "terapihundar")).results;
    expect(comment).toMatchObject({ kind: "comment", id: commentId, ideaId, titleHtml: "Idé om &lt;hundar&gt;" });
  });

  it("filters by kind, focus area, challenge and idea status", async () => {
    const school = await addIdea("narvaro-i-skolan", "Solrosor vid skolan", "Solrosor i rabatten.");
    const road = await addIdea("trygg-vag-till-skolan", "Solrosor längs vägen", "Solrosor vid övergångsstället.", {
      status: "promoted",
    });
    const [care] = await database.db.select().from(challenges).where(eq(challenges.slug, "psykisk-halsa-unga"));
    const elsewhere = await addIdea(care.slug, "Solrosor på vårdcentralen", "Solrosor i väntrummet.");
    const commentOnRoad = await addComment(road, "Solrosor gör vägen ljusare.");

    const ids = async (filter: Parameters<typeof searchContent>[2]) =>
      (await searchContent(database.db, "solrosor", filter)).results.map((r) => `${r.kind}:${r.id}`).sort();

    expect(await ids({})).toEqual([`idea:${school}`, `idea:${road}`, `idea:${elsewhere}`, `comment:${commentOnRoad}`].sort());
    expect(await ids({ kind: "comment" })).toEqual([`comment:${commentOnRoad}`]);
    expect(await ids({ focusAreaId: care.focusAreaId })).toEqual([`idea:${elsewhere}`]);
    expect(await ids({ challengeId: challengeIds["trygg-vag-till-skolan"] })).toEqual(
      [`comment:${commentOnRoad}`, `idea:${road}`].sort(),
    );
    expect(await ids({ ideaStatus: "promoted" })).toEqual([`comment:${commentOnRoad}`, `idea:${road}`].sort());
    expect(await ids({ ideaStatus: "declined" })).toEqual([]);
  });

  it("leaves challenges out when filtering by idea status", async () => {
    const all = await searchContent(database.db, "skolvägen", { kind: "challenge" });
    expect(all.results.length).toBeGreaterThan(0);
    const filtered = await searchContent(database.db, "skolvägen", { ideaStatus: "open" });
    expect(filtered.results.filter((r) => r.kind === "challenge")).toEqual([]);
  });

  it("ranks a title match above a match in the text", async () => {
    const inBody = await addIdea("narvaro-i-skolan", "Ett förslag", "Det handlar om pelargoner och annat.");
    const inTitle = await addIdea("narvaro-i-skolan", "Pelargoner i fönstren", "Blommor gör klassrummet trevligare.");
    const ranked = (await searchContent(database.db, "pelargoner")).results.map((r) => r.id);
    expect(ranked.indexOf(inTitle)).toBeLessThan(ranked.indexOf(inBody));
  });

  it("pages through many results without repeating any", async () => {
    const made: number[] = [];
    for (let i = 0; i < searchPageSize + 5; i++)
      made.push(await addIdea("narvaro-i-skolan", `Hoppborg nummer ${i}`, "En hoppborg på skolgården."));
    const first = await searchContent(database.db, "hoppborg", {}, 1);
    const second = await searchContent(database.db, "hoppborg", {}, 2);
    expect(first.total).toBe(searchPageSize + 5);
    expect(first.pageCount).toBe(2);
    expect(first.results).toHaveLength(searchPageSize);
    expect(second.results).toHaveLength(5);
    expect(new Set([...first.results, ...second.results].map((r) => r.id))).toEqual(new Set(made));
    expect((await searchContent(database.db, "hoppborg", {}, 3)).results).toEqual([]);
  });

  it("ranks only the newest matches of each kind when there are more than the cap, and says so", async () => {
    const cap = 5;
    const ideaId = await addIdea("narvaro-i-skolan", "Vattenkanon på skolgården", "En vattenkanon när det är varmt.");
    const at = (minutes: number) => new Date(Date.UTC(2024, 0, 1, 12, minutes));
    // The oldest comments name the word most often, so they would rank highest if all were scored.
    const old: number[] = [];
    for (let i = 0; i < 3; i++)
      old.push(await addComment(ideaId, "Vattenkanon, vattenkanon, vattenkanon och vattenkanon.", { createdAt: at(i) }));
    const newest: number[] = [];
    for (let i = 0; i < cap; i++)
      newest.push(
        await addComment(ideaId, `Kommentar ${i} om en vattenkanon bland många andra ord här.`, { createdAt: at(10 + i) }),
      );
    // Newer still, but hidden: it neither takes a place among the candidates nor counts.
    await addComment(ideaId, "Vattenkanon vattenkanon.", { createdAt: at(30), hidden: true });

    const all = await searchContent(database.db, "vattenkanon", {}, 1, { candidateLimit: cap });
    expect(all).toMatchObject({ searchable: true, capped: true, candidateLimit: cap, total: cap + 1, pageCount: 1 });
    const found = all.results.map((r) => `${r.kind}:${r.id}`).sort();
    expect(found).toEqual([`idea:${ideaId}`, ...newest.map((id) => `comment:${id}`)].sort());
    // Ranked among themselves: best first, even though the older comments would score higher.
    const ranks = all.results.map((r) => r.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));

    // Without the cap all eight comments are ranked and the repeated word wins.
    const uncapped = await searchContent(database.db, "vattenkanon", { kind: "comment" });
    expect(uncapped).toMatchObject({ capped: false, total: old.length + cap, candidateLimit: searchCandidateLimit });
    expect(old).toContain(uncapped.results[0].id);

    // The cap applies per kind: the single idea is below it.
    expect(await searchContent(database.db, "vattenkanon", { kind: "idea" }, 1, { candidateLimit: cap })).toMatchObject({
      capped: false,
      total: 1,
    });
    // Exactly as many matches as the cap is not more than it.
    const exact = await searchContent(database.db, "vattenkanon", { kind: "comment" }, 1, { candidateLimit: old.length + cap });
    expect(exact).toMatchObject({ capped: false, total: old.length + cap });
    const under = await searchContent(database.db, "vattenkanon", { kind: "comment" }, 1, {
      candidateLimit: old.length + cap - 1,
    });
    expect(under).toMatchObject({ capped: true, total: old.length + cap - 1 });
    expect(under.results.map((r) => r.id)).not.toContain(old[0]);
  });

  it("pages through the capped set only", async () => {
    const made: number[] = [];
    for (let i = 0; i < searchPageSize + 10; i++) {
      made.push(
        await addIdea("narvaro-i-skolan", `Trampbil ${i}`, "En trampbil till förskolan.", {
          createdAt: new Date(Date.UTC(2024, 1, 1, 0, i)),
        }),
      );
    }
    const cap = searchPageSize + 3;
    const first = await searchContent(database.db, "trampbil", {}, 1, { candidateLimit: cap });
    const second = await searchContent(database.db, "trampbil", {}, 2, { candidateLimit: cap });
    expect(first).toMatchObject({ capped: true, total: cap, pageCount: 2 });
    expect(second.results).toHaveLength(3);
    expect(new Set([...first.results, ...second.results].map((r) => r.id))).toEqual(new Set(made.slice(-cap)));
    expect((await searchContent(database.db, "trampbil", {}, 3, { candidateLimit: cap })).results).toEqual([]);
    await expect(searchContent(database.db, "trampbil", {}, 1, { candidateLimit: 0 })).rejects.toThrow(RangeError);
  });

  it("understands quotes, or and minus, and reports a query of stop words only", async () => {
    const a = await addIdea("narvaro-i-skolan", "Blå cyklar", "Gratis blå cyklar till elever.");
    const b = await addIdea("narvaro-i-skolan", "Röda cyklar", "Röda cyklar till elever.");
    const ids = async (q: string) => (await searchContent(database.db, q, { kind: "idea" })).results.map((r) => r.id).sort();
    expect(await ids("cyklar -röda")).toEqual([a]);
    expect(await ids('"blå cyklar"')).toEqual([a]);
    expect(await ids("blå or röda")).toEqual([a, b].sort());
    expect(await searchContent(database.db, "och att")).toMatchObject({ searchable: false, total: 0, capped: false });
    expect(await searchContent(database.db, "!!! ''' \\")).toMatchObject({ searchable: false });
  });

  it("keeps quotes and backslashes in words safe inside the tsquery", async () => {
    const id = await addIdea("narvaro-i-skolan", "O'Neills idé", "Spara filen i C:\\skolan\\schema.");
    expect(await buildSearchQuery(database.db, "skolresultaten")).toBe("'skolresult':*");
    expect(await buildSearchQuery(database.db, "o'neills")).toBe("'o' <-> 'neill':*");
    for (const q of ["O'Neills", "c:\\skolan\\schema", "'; drop table ideas; --"]) {
      await expect(searchContent(database.db, q)).resolves.toBeDefined();
    }
    expect((await searchContent(database.db, "O'Neills")).results.map((r) => r.id)).toContain(id);
  });
});
