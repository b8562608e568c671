import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../support/databases";
import { moderationActions } from "../../db/schema";
import { recordAudit } from "../../app/domain/audit/audit.server";
import { makePerson } from "../support/factories";

describe.each(databaseKinds)("the audit log on %s", (kind) => {
  let database: TestDatabase;
  let auditId: number;
  beforeAll(async () => {
    database = await createTestDatabase(kind, { seed: false });
    const moderator = await makePerson(database.db, { role: "moderator" });
    auditId = await recordAudit(database.db, {
      actorId: moderator.id,
      action: "comment.hide",
      targetType: "comment",
      targetId: 1,
      reasonCategory: "spam",
    });
  });
  afterAll(() => database?.close());

  it("keeps who, what, target, reason and when", async () => {
    const [row] = await database.db.select().from(moderationActions).where(eq(moderationActions.id, auditId));
    expect(row).toMatchObject({ action: "comment.hide", targetType: "comment", targetId: "1", reasonCategory: "spam" });
    expect(row.createdAt).toBeInstanceOf(Date);
  });

  it("cannot be changed or removed, even by a direct query", async () => {
    await expect(
      database.db.update(moderationActions).set({ reason: "ändrad" }).where(eq(moderationActions.id, auditId)),
    ).rejects.toThrow();
    await expect(database.db.delete(moderationActions).where(eq(moderationActions.id, auditId))).rejects.toThrow();
    await expect(database.db.execute(sql`truncate moderation_actions`)).rejects.toThrow();
    const [row] = await database.db.select().from(moderationActions).where(eq(moderationActions.id, auditId));
    expect(row.reason).toBeNull();
  });
});
