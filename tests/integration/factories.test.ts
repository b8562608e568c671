import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../support/databases";
import { makeComment, makeIdea, makePerson, makeResidents } from "../support/factories";
import { comments, ideas, liveEvents, users } from "../../db/schema";
import { verifyPassword } from "../../db/password";
import { counterDrift } from "./ideas-fixtures";

describe.each(databaseKinds)("test factories on an empty %s database", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind, { seed: false });
  });
  afterAll(() => database?.close());

  it("starts from no people and no ideas: nothing below comes from the demo seed", async () => {
    expect(await database.db.select().from(users)).toEqual([]);
    expect(await database.db.select().from(ideas)).toEqual([]);
  });

  it("makes an idea and a reply as the routes do: counters, thread roots and live events agree", async () => {
    const { ideaId, challengeId, authorId } = await makeIdea(database.db);
    const root = await makeComment(database.db, { ideaId });
    const reply = await makeComment(database.db, { ideaId, parentId: root.commentId });
    const [idea] = await database.db.select().from(ideas).where(eq(ideas.id, ideaId));
    expect(idea).toMatchObject({ challengeId, commentCount: 2 });
    const [stored] = await database.db.select().from(comments).where(eq(comments.id, reply.commentId));
    expect(stored).toMatchObject({ parentId: root.commentId, rootId: root.commentId });
    const events = await database.db.select().from(liveEvents).orderBy(liveEvents.id);
    // The idea's author hears of both comments, the first comment's author of the reply.
    const told = events.filter((e) => e.room.startsWith("user:")).map((e) => e.room);
    expect(told.sort()).toEqual([`user:${authorId}`, `user:${authorId}`, `user:${root.authorId}`].sort());
    expect(events.filter((e) => !e.room.startsWith("user:")).map((e) => [e.room, e.type])).toEqual([
      [`challenge:${challengeId}`, "idea.created"],
      [`idea:${ideaId}`, "comment.created"],
      [`challenge:${challengeId}`, "idea.updated"],
      [`idea:${ideaId}`, "comment.created"],
      [`challenge:${challengeId}`, "idea.updated"],
    ]);
    expect(await counterDrift(database.rows)).toEqual([]);
  });

  it("gives every person a unique address, and a password only when asked", async () => {
    const [a, b] = [await makePerson(database.db), await makePerson(database.db, { password: "grön-cykel-under-bron-42" })];
    expect(a.email).not.toBe(b.email);
    const [row] = await database.db.select().from(users).where(eq(users.id, b.id));
    expect(await verifyPassword(row.passwordHash, "grön-cykel-under-bron-42")).toBe(true);
    const residents = await makeResidents(database.db, 3);
    expect(new Set(residents).size).toBe(3);
  });
});
