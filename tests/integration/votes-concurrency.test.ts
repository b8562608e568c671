import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase, databaseKinds, untilSomeoneWaitsForALock, type TestDatabase } from "../support/databases";
import { comments, ideas } from "../../db/schema";
import { hotScore } from "../../db/ranking";
import { createIdea } from "../../app/domain/ideas/ideas.server";
import { createComment } from "../../app/domain/comments/comments.server";
import { setSupport, voteComment } from "../../app/domain/votes/votes.server";
import { challengeId, counterDrift, createResidents, userId } from "./ideas-fixtures";

const crowd = 60;

describe.each(databaseKinds)("concurrent supports and votes on %s", (kind) => {
  let database: TestDatabase;
  let residents: string[];
  let ideaId: number;
  let commentId: number;

  beforeAll(async () => {
    database = await createTestDatabase(kind, { seed: true, max: 30 });
    residents = await createResidents(database.db, crowd, "trängsel");
    const author = await userId(database.db, "invanare@example.se");
    const idea = await createIdea(database.db, {
      challengeId: await challengeId(database.db, "narvaro-i-skolan"),
      authorId: author,
      title: "Idé som många tycker till om",
      body: "Text",
    });
    if (!idea.ok) throw new Error(idea.problem);
    ideaId = idea.ideaId;
    const comment = await createComment(database.db, { ideaId, authorId: author, body: "En kommentar" });
    if (!comment.ok) throw new Error(comment.problem);
    commentId = comment.commentId;
  });
  afterAll(() => database?.close());

  async function storedIdea() {
    const [row] = await database.db.select().from(ideas).where(eq(ideas.id, ideaId));
    return row;
  }

  it(`${crowd} residents support at once, then half withdraw and some repeat: the counter follows the rows`, async () => {
    const first = await Promise.all(residents.map((userId) => setSupport(database.db, { ideaId, userId, supported: true })));
    expect(first.every((r) => r.ok)).toBe(true);
    expect((await storedIdea()).supportCount).toBe(crowd);

    // Mixed: the first half withdraws while the second half supports again (a no-op) and the first ten toggle twice.
    const mixed = await Promise.all([
      ...residents.slice(0, crowd / 2).map((userId) => setSupport(database.db, { ideaId, userId, supported: false })),
      ...residents.slice(crowd / 2).map((userId) => setSupport(database.db, { ideaId, userId, supported: true })),
      ...residents.slice(0, 10).map((userId) => setSupport(database.db, { ideaId, userId, supported: false })),
    ]);
    expect(mixed.every((r) => r.ok)).toBe(true);
    const idea = await storedIdea();
    expect(idea.supportCount).toBe(crowd / 2);
    expect(idea.hotScore).toBeCloseTo(hotScore(crowd / 2, idea.createdAt), 6);
    expect(await counterDrift(database.rows)).toEqual([]);
  });

  it(`${crowd} residents vote on one comment at once, change and remove votes: the score follows the rows`, async () => {
    const votes = await Promise.all(
      residents.map((userId, i) => voteComment(database.db, { commentId, userId, value: i % 3 === 0 ? -1 : 1 })),
    );
    expect(votes.every((r) => r.ok)).toBe(true);
    const changes = await Promise.all(
      residents.map((userId, i) =>
        voteComment(database.db, { commentId, userId, value: i % 2 === 0 ? 0 : i % 3 === 0 ? 1 : -1 }),
      ),
    );
    expect(changes.every((r) => r.ok)).toBe(true);
    const expected = residents.reduce((sum, _u, i) => sum + (i % 2 === 0 ? 0 : i % 3 === 0 ? 1 : -1), 0);
    const [comment] = await database.db.select().from(comments).where(eq(comments.id, commentId));
    expect(comment.score).toBe(expected);
    expect(await counterDrift(database.rows)).toEqual([]);
  });

  it(`${crowd} residents comment at once: comment_count follows the rows`, async () => {
    const before = (await storedIdea()).commentCount;
    const results = await Promise.all(
      residents.map((authorId, i) =>
        createComment(database.db, { ideaId, authorId, body: `Svar ${i}`, parentId: i % 2 === 0 ? commentId : undefined }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect((await storedIdea()).commentCount).toBe(before + crowd);
    expect(await counterDrift(database.rows)).toEqual([]);
  });
});

const concurrentUrl = process.env.TEST_DATABASE_URL;

// The idea's row is locked only by a write's last update, which repeats the checks in its WHERE: a
// moderator who locks or closes the idea while a comment or a support is under way wins, and the
// refused write leaves nothing behind. PostgreSQL only (PGlite runs one transaction at a time).
describe.skipIf(!concurrentUrl)("a write that meets a moderator's change of the idea (postgres)", () => {
  let database: TestDatabase;
  let residents: string[];
  let author: string;

  beforeAll(async () => {
    database = await createTestDatabase("postgres", { seed: true, max: 10 });
    residents = await createResidents(database.db, 2, "mittemellan");
    author = await userId(database.db, "invanare@example.se");
  });
  afterAll(() => database?.close());

  async function newIdea(title: string) {
    const idea = await createIdea(database.db, {
      challengeId: await challengeId(database.db, "narvaro-i-skolan"),
      authorId: author,
      title,
      body: "Text",
    });
    if (!idea.ok) throw new Error(idea.problem);
    return idea.ideaId;
  }

  /** Holds the idea's row in another transaction, runs `write`, and applies `change` once the write waits for the row. */
  async function whileHeld<T>(ideaId: number, change: Partial<typeof ideas.$inferInsert>, write: () => Promise<T>): Promise<T> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const holder = database.db.transaction(async (tx) => {
      await tx.select({ id: ideas.id }).from(ideas).where(eq(ideas.id, ideaId)).for("update");
      holding();
      await released;
      await tx.update(ideas).set(change).where(eq(ideas.id, ideaId));
    });
    await held;
    const result = write();
    await untilSomeoneWaitsForALock(database, "the write never waited for the idea's row");
    release();
    await holder;
    return result;
  }

  it("refuses a comment on an idea locked while it was written, and keeps none of it", async () => {
    const ideaId = await newIdea("Idé som låses mitt i en kommentar");
    const result = await whileHeld(ideaId, { locked: true }, () =>
      createComment(database.db, { ideaId, authorId: residents[0], body: "Hann jag före låset?" }),
    );
    expect(result).toEqual({ ok: false, problem: "idea_locked" });
    expect(await database.db.select().from(comments).where(eq(comments.ideaId, ideaId))).toEqual([]);
    const [idea] = await database.db.select().from(ideas).where(eq(ideas.id, ideaId));
    expect(idea.commentCount).toBe(0);
    expect(await counterDrift(database.rows)).toEqual([]);
  });

  it("refuses a support of an idea closed while it was written, and keeps none of it", async () => {
    const ideaId = await newIdea("Idé som stängs mitt i ett stöd");
    const result = await whileHeld(ideaId, { status: "declined" }, () =>
      setSupport(database.db, { ideaId, userId: residents[1], supported: true }),
    );
    expect(result).toEqual({ ok: false, problem: "idea_closed" });
    const [idea] = await database.db.select().from(ideas).where(eq(ideas.id, ideaId));
    expect(idea.supportCount).toBe(0);
    expect(await counterDrift(database.rows)).toEqual([]);
  });
});
