import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../support/databases";
import { challenges, comments, ideas, reviewItems } from "../../db/schema";
import { checkSpam } from "../../app/domain/moderation/spam.server";
import { holdForPremoderation } from "../../app/domain/moderation/premoderation.server";
import { getModerationSettings, saveModerationSettings } from "../../app/domain/moderation/settings.server";
import { decide } from "../../app/domain/moderation/decisions.server";
import { createUser } from "./moderation-fixtures";
import { makeChallenge } from "../support/factories";

describe.each(databaseKinds)("spam limits and pre-moderation on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind, { seed: false });
  });
  afterAll(() => database?.close());

  const threeLinks = "Se https://a.se, https://b.se och www.c.se";

  it("limits links for accounts younger than a day, not for older ones", async () => {
    const fresh = await createUser(database.db, { createdAt: new Date() });
    const old = await createUser(database.db);
    expect(await checkSpam(database.db, fresh.id, threeLinks)).toEqual({ ok: false, problem: "too_many_links", maxLinks: 2 });
    expect(await checkSpam(database.db, fresh.id, "Se https://a.se och https://b.se")).toEqual({ ok: true });
    expect(await checkSpam(database.db, old.id, threeLinks)).toEqual({ ok: true });
  });

  it("refuses the same text twice within the window, and the limits are configurable", async () => {
    const user = await createUser(database.db);
    const challenge = await makeChallenge(database.db);
    await database.db
      .insert(ideas)
      .values({ challengeId: challenge.id, authorId: user.id, title: "Köp", body: "Köp billiga klockor nu" });
    expect(await checkSpam(database.db, user.id, "  köp billiga   KLOCKOR nu ")).toEqual({
      ok: false,
      problem: "duplicate",
      minutes: 5,
    });
    expect(await checkSpam(database.db, user.id, "Något helt annat")).toEqual({ ok: true });
    const later = new Date(Date.now() + 6 * 60_000);
    expect(await checkSpam(database.db, user.id, "Köp billiga klockor nu", later)).toEqual({ ok: true });

    await saveModerationSettings(database.db, { duplicateWindowMinutes: 10, newAccountMaxLinks: 5 });
    expect(await getModerationSettings(database.db)).toMatchObject({ duplicateWindowMinutes: 10, newAccountMaxLinks: 5 });
    expect(await checkSpam(database.db, user.id, "Köp billiga klockor nu", later)).toMatchObject({
      ok: false,
      problem: "duplicate",
    });
    const fresh = await createUser(database.db, { createdAt: new Date() });
    expect(await checkSpam(database.db, fresh.id, threeLinks)).toEqual({ ok: true });
    await saveModerationSettings(database.db, { duplicateWindowMinutes: 5, newAccountMaxLinks: 2 });
  });

  it("holds the first posts of new accounts in a pre-moderated challenge until approved", async () => {
    const challenge = await makeChallenge(database.db);
    const fresh = await createUser(database.db, { createdAt: new Date() });
    const [idea] = await database.db
      .insert(ideas)
      .values({ challengeId: challenge.id, authorId: fresh.id, title: "Första", body: "Min första idé" })
      .returning();
    expect(
      await holdForPremoderation(database.db, { type: "idea", id: idea.id, authorId: fresh.id, challengeId: challenge.id }),
    ).toEqual({
      held: false,
      events: [],
    });
    await database.db.update(challenges).set({ premoderateNewAccounts: true }).where(eq(challenges.id, challenge.id));
    const [comment] = await database.db.insert(comments).values({ ideaId: idea.id, authorId: fresh.id, body: "Hej" }).returning();
    const held = await holdForPremoderation(database.db, {
      type: "comment",
      id: comment.id,
      authorId: fresh.id,
      challengeId: challenge.id,
    });
    expect(held.held).toBe(true);
    const [row] = await database.db.select().from(comments).where(eq(comments.id, comment.id));
    expect(row).toMatchObject({ hidden: true, hiddenReason: "pending_review" });
    const [item] = await database.db
      .select()
      .from(reviewItems)
      .where(and(eq(reviewItems.targetType, "comment"), eq(reviewItems.targetId, String(comment.id))));
    expect(item).toMatchObject({ status: "pending", origin: "premoderation" });

    // An established account is not held.
    const old = await createUser(database.db);
    const [other] = await database.db.insert(comments).values({ ideaId: idea.id, authorId: old.id, body: "Hej" }).returning();
    expect(
      (await holdForPremoderation(database.db, { type: "comment", id: other.id, authorId: old.id, challengeId: challenge.id }))
        .held,
    ).toBe(false);

    const moderator = await createUser(database.db, { role: "moderator" });
    expect(
      (
        await decide(database.db, moderator, {
          targetType: "comment",
          targetId: String(comment.id),
          decision: { kind: "approve" },
        })
      ).ok,
    ).toBe(true);
    const [shown] = await database.db.select().from(comments).where(eq(comments.id, comment.id));
    expect(shown.hidden).toBe(false);
    await database.db.update(challenges).set({ premoderateNewAccounts: false }).where(eq(challenges.id, challenge.id));
  });
});
