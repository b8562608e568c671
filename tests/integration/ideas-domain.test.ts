import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../support/databases";
import { ideas, liveEvents } from "../../db/schema";
import { hotScore } from "../../db/ranking";
import {
  createIdea,
  deleteIdea,
  getChallengeForPosting,
  getIdea,
  listRevisions,
  updateIdea,
} from "../../app/domain/ideas/ideas.server";
import { listChallengeIdeas } from "../../app/domain/ideas/list.server";
import { setSupport } from "../../app/domain/votes/votes.server";
import { counterDrift, createResidents } from "./ideas-fixtures";
import { makeChallenge, makePerson } from "../support/factories";

describe.each(databaseKinds)("ideas domain on %s", (kind) => {
  let database: TestDatabase;
  let amina: string;
  let erik: string;
  let narvaro: number;

  beforeAll(async () => {
    database = await createTestDatabase(kind, { seed: false });
    amina = (await makePerson(database.db, { name: "Amina Andersson" })).id;
    erik = (await makePerson(database.db, { name: "Erik Grannsson" })).id;
    narvaro = (await makeChallenge(database.db)).id;
  });
  afterAll(() => database?.close());

  it("creates an idea in an open challenge and records idea.created for the challenge room", async () => {
    const result = await createIdea(database.db, {
      challengeId: narvaro,
      authorId: amina,
      title: "Läxhjälp på fritidsgården",
      body: "Två kvällar i **veckan**.",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.events).toHaveLength(1);
    expect(result.events[0]).toMatchObject({
      room: `challenge:${narvaro}`,
      type: "idea.created",
      payload: { id: result.ideaId, title: "Läxhjälp på fritidsgården", supportCount: 0 },
    });
    const [stored] = await database.db.select().from(liveEvents).where(eq(liveEvents.id, result.events[0].id));
    expect(stored.type).toBe("idea.created");
    const idea = await getIdea(database.db, result.ideaId);
    expect(idea?.hotScore).toBeCloseTo(hotScore(0, idea!.createdAt), 6);
  });

  it("refuses ideas in a closed challenge", async () => {
    const closed = await getChallengeForPosting(database.db, (await makeChallenge(database.db, { status: "closed" })).slug);
    expect(closed?.acceptsIdeas).toBe(false);
    const result = await createIdea(database.db, {
      challengeId: closed!.id,
      authorId: amina,
      title: "Stängd men ändå",
      body: "Text",
    });
    expect(result).toEqual({ ok: false, problem: "challenge_closed" });
    expect(await database.db.select().from(ideas).where(eq(ideas.challengeId, closed!.id))).toHaveLength(0);
  });

  it("keeps the old text as a revision on edit and marks the idea edited", async () => {
    const created = await createIdea(database.db, {
      challengeId: narvaro,
      authorId: erik,
      title: "Första titeln",
      body: "Första texten",
    });
    if (!created.ok) throw new Error(created.problem);
    const edited = await updateIdea(database.db, {
      ideaId: created.ideaId,
      editorId: erik,
      title: "Andra titeln",
      body: "Andra texten",
    });
    expect(edited).toMatchObject({ ok: true, changed: true });
    if (!edited.ok) return;
    expect(edited.events.map((e) => [e.room, e.type])).toEqual([
      [`idea:${created.ideaId}`, "idea.updated"],
      [`challenge:${narvaro}`, "idea.updated"],
    ]);
    const idea = await getIdea(database.db, created.ideaId);
    expect(idea).toMatchObject({ title: "Andra titeln", body: "Andra texten" });
    expect(idea?.editedAt).toBeInstanceOf(Date);
    const history = await listRevisions(database.db, "idea", created.ideaId);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ title: "Första titeln", body: "Första texten", editor: { id: erik } });

    const unchanged = await updateIdea(database.db, {
      ideaId: created.ideaId,
      editorId: erik,
      title: "Andra titeln",
      body: "Andra texten",
    });
    expect(unchanged).toMatchObject({ ok: true, changed: false, events: [] });
    expect(await listRevisions(database.db, "idea", created.ideaId)).toHaveLength(1);
  });

  it("soft-deletes: the row stays with deleted_at, it leaves the lists and takes no support", async () => {
    const created = await createIdea(database.db, {
      challengeId: narvaro,
      authorId: erik,
      title: "Snart borttagen",
      body: "Text",
    });
    if (!created.ok) throw new Error(created.problem);
    const deleted = await deleteIdea(database.db, { ideaId: created.ideaId });
    expect(deleted.ok).toBe(true);
    const idea = await getIdea(database.db, created.ideaId);
    expect(idea?.deletedAt).toBeInstanceOf(Date);
    const list = await listChallengeIdeas(database.db, { challengeId: narvaro, sort: "new" });
    expect(list.ideas.map((i) => i.id)).not.toContain(created.ideaId);
    expect(await setSupport(database.db, { ideaId: created.ideaId, userId: amina, supported: true })).toEqual({
      ok: false,
      problem: "idea_deleted",
    });
  });

  it("pages a challenge's ideas 20 at a time in every sort without gaps or repeats", async () => {
    const authors = await createResidents(database.db, 3, "listare");
    const fresh = (await makeChallenge(database.db)).id;
    const made: number[] = [];
    for (let i = 0; i < 45; i++) {
      const r = await createIdea(database.db, {
        challengeId: fresh,
        authorId: authors[i % 3],
        title: `Idé nummer ${i}`,
        body: "Text",
      });
      if (r.ok) made.push(r.ideaId);
    }
    // Give some ideas supports and comments so the sorts differ and have ties.
    for (let i = 0; i < 10; i++)
      await setSupport(database.db, { ideaId: made[i], userId: authors[(i + 1) % 3], supported: true });
    for (const sort of ["popular", "new", "supports", "comments"] as const) {
      const seen: number[] = [];
      let after: number | undefined;
      let pages = 0;
      do {
        const page = await listChallengeIdeas(database.db, { challengeId: fresh, sort, after });
        expect(page.ideas.length).toBeLessThanOrEqual(20);
        seen.push(...page.ideas.map((i) => i.id));
        after = page.nextCursor ?? undefined;
        pages++;
      } while (after !== undefined);
      expect(pages).toBe(3);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(expect.arrayContaining(made));
    }
    const bySupport = await listChallengeIdeas(database.db, { challengeId: fresh, sort: "supports" });
    expect(bySupport.ideas[0].supportCount).toBe(1);
    const open = await listChallengeIdeas(database.db, { challengeId: fresh, sort: "new", status: "promoted" });
    expect(open.ideas).toEqual([]);
  });

  it("leaves every stored counter equal to its rows", async () => {
    expect(await counterDrift(database.rows)).toEqual([]);
  });
});
