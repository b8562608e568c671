import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../support/databases";
import {
  challenges,
  comments,
  ideas,
  liveEvents,
  moderationActions,
  notifications,
  revisions,
  reviewItems,
  users,
} from "../../db/schema";
import { reportContent } from "../../app/domain/moderation/reports.server";
import { decide, availableDecisions } from "../../app/domain/moderation/decisions.server";
import { listQueue } from "../../app/domain/moderation/queue.server";
import { listPublicLog } from "../../app/domain/moderation/log.server";
import { appealDecision } from "../../app/domain/moderation/appeals.server";
import type { Actor } from "../../app/auth/permissions";
import { createIdeaWithComment, createUser } from "./moderation-fixtures";

describe.each(databaseKinds)("moderation domain on %s", (kind) => {
  let database: TestDatabase;
  let moderator: Actor;
  let admin: Actor;
  let author: Actor;
  let reporters: Actor[];

  beforeAll(async () => {
    database = await createTestDatabase(kind, { seed: false });
    moderator = await createUser(database.db, { role: "moderator", name: "Maja Moderator" });
    admin = await createUser(database.db, { role: "admin" });
    author = await createUser(database.db, { name: "Tröll Trollsson" });
    reporters = [await createUser(database.db), await createUser(database.db), await createUser(database.db)];
  });
  afterAll(() => database?.close());

  const report = (reporter: Actor, type: "idea" | "comment" | "user", id: string | number) =>
    reportContent(database.db, {
      reporterId: reporter.id,
      targetType: type,
      targetId: String(id),
      reason: "offensive",
      note: "Elakt",
    });

  it("files a report once per user, puts it in the queue and confirms it to the reporter", async () => {
    const { comment } = await createIdeaWithComment(database.db, reporters[0].id, author.id);
    const first = await report(reporters[0], "comment", comment.id);
    expect(first.ok).toBe(true);
    expect(await report(reporters[0], "comment", comment.id)).toEqual({ ok: false, problem: "already_reported" });
    expect(
      await reportContent(database.db, {
        reporterId: author.id,
        targetType: "comment",
        targetId: String(comment.id),
        reason: "spam",
      }),
    ).toEqual({
      ok: false,
      problem: "own_content",
    });
    expect(await report(reporters[0], "comment", 999999)).toEqual({ ok: false, problem: "not_found" });
    expect(await report(reporters[0], "idea", "abc")).toEqual({ ok: false, problem: "not_found" });

    const queue = await listQueue(database.db, moderator.id);
    const item = queue.find((i) => i.target.type === "comment" && i.target.id === String(comment.id))!;
    expect(item.reports).toHaveLength(1);
    expect(item.reports[0]).toMatchObject({ reason: "offensive", note: "Elakt" });
    expect(item.target.bodyHtml).toContain("Dumma idioter");
    expect(item.context?.ideaTitle).toBe("Läxhjälp på biblioteket");
    expect(item.author).toMatchObject({ id: author.id, comments: expect.any(Number) });
    const confirmations = await database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, reporters[0].id), eq(notifications.kind, "report.received")));
    expect(confirmations.length).toBeGreaterThan(0);
    if (!first.ok) throw new Error("report failed");
    expect(first.events.some((e) => e.room === "moderation" && e.type === "review.created")).toBe(true);
    expect(first.hidden).toBe(false);
  });

  it("hides content pending review after the challenge's number of reports, and approval restores it", async () => {
    const { comment, challenge } = await createIdeaWithComment(database.db, reporters[0].id, author.id);
    await database.db.update(challenges).set({ reportThreshold: 2 }).where(eq(challenges.id, challenge.id));
    expect((await report(reporters[1], "comment", comment.id)).ok).toBe(true);
    const second = await report(reporters[2], "comment", comment.id);
    expect(second.ok && second.hidden).toBe(true);
    const [hidden] = await database.db.select().from(comments).where(eq(comments.id, comment.id));
    expect(hidden).toMatchObject({ hidden: true, hiddenReason: "pending_review" });
    if (!second.ok) throw new Error();
    const publicEvent = second.events.find((e) => e.room === `idea:${comment.ideaId}`)!;
    expect(JSON.stringify(publicEvent.payload)).not.toContain("idioter");

    const approved = await decide(database.db, moderator, {
      targetType: "comment",
      targetId: String(comment.id),
      decision: { kind: "approve" },
    });
    expect(approved.ok).toBe(true);
    const [shown] = await database.db.select().from(comments).where(eq(comments.id, comment.id));
    expect(shown).toMatchObject({ hidden: false, hiddenReason: null });
    const [item] = await database.db.select().from(reviewItems).where(eq(reviewItems.id, second.reviewItemId));
    expect(item).toMatchObject({ status: "approved", resolvedById: moderator.id });
    await database.db.update(challenges).set({ reportThreshold: 3 }).where(eq(challenges.id, challenge.id));
  });

  it("hides with a reason: audit record, author notified with an appeal link, only the id in the public room", async () => {
    const { comment } = await createIdeaWithComment(database.db, reporters[0].id, author.id, "Hemlig förolämpning");
    await report(reporters[1], "comment", comment.id);
    expect(
      await decide(database.db, moderator, { targetType: "comment", targetId: String(comment.id), decision: { kind: "hide" } }),
    ).toEqual({
      ok: false,
      problem: "reason_required",
    });
    const result = await decide(database.db, moderator, {
      targetType: "comment",
      targetId: String(comment.id),
      decision: { kind: "hide" },
      reasonCategory: "offensive",
      reason: "Personangrepp",
    });
    if (!result.ok) throw new Error(result.problem);
    const [audit] = await database.db.select().from(moderationActions).where(eq(moderationActions.id, result.auditId));
    expect(audit).toMatchObject({
      actorId: moderator.id,
      action: "comment.hide",
      targetId: String(comment.id),
      reasonCategory: "offensive",
      reason: "Personangrepp",
    });
    const [note] = await database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, author.id), eq(notifications.kind, "content.moderated")));
    expect(note.link).toBe(`/moderering/omprovning/${result.auditId}`);
    expect(note.data).toMatchObject({ reasonCategory: "offensive", reason: "Personangrepp" });
    const roomEvents = await database.db
      .select()
      .from(liveEvents)
      .where(eq(liveEvents.room, `idea:${comment.ideaId}`));
    expect(roomEvents.map((e) => JSON.stringify(e.payload)).join()).not.toContain("förolämpning");
    expect(roomEvents.some((e) => e.type === "comment.deleted" && (e.payload as { id: number }).id === comment.id)).toBe(true);

    const log = await listPublicLog(database.db, { seeActor: false });
    const entry = log.entries.find((e) => e.id === result.auditId)!;
    expect(entry).toMatchObject({ action: "comment.hide", reasonCategory: "offensive", link: null, actorName: null });
    const adminLog = await listPublicLog(database.db, { seeActor: true });
    expect(adminLog.entries.find((e) => e.id === result.auditId)!.actorName).toBe("Maja Moderator");

    // The author appeals: back in the queue, and the moderator who decided may not decide again.
    const appeal = await appealDecision(database.db, author, result.auditId, "Det var ett skämt");
    expect(appeal.ok).toBe(true);
    expect(await appealDecision(database.db, author, result.auditId, null)).toEqual({ ok: false, problem: "already_appealed" });
    expect(await appealDecision(database.db, reporters[1], result.auditId, null)).toEqual({ ok: false, problem: "not_found" });
    const queue = await listQueue(database.db, moderator.id);
    expect(queue.find((i) => i.target.id === String(comment.id) && i.target.type === "comment")).toMatchObject({
      origin: "appeal",
      decidedByViewer: true,
      appealNote: "Det var ett skämt",
    });
    expect(
      await decide(database.db, moderator, {
        targetType: "comment",
        targetId: String(comment.id),
        decision: { kind: "restore" },
      }),
    ).toEqual({
      ok: false,
      problem: "forbidden",
    });
    const restored = await decide(database.db, admin, {
      targetType: "comment",
      targetId: String(comment.id),
      decision: { kind: "restore" },
    });
    expect(restored.ok).toBe(true);
    const log2 = await listPublicLog(database.db, { seeActor: false });
    expect(log2.entries.find((e) => e.id === result.auditId)!.link).toBe(`/ideer/${comment.ideaId}#kommentar-${comment.id}`);
  });

  it("a moderator cannot act on own content or on an admin's", async () => {
    const own = await createIdeaWithComment(database.db, moderator.id, moderator.id);
    const admins = await createIdeaWithComment(database.db, admin.id, admin.id);
    const input = { decision: { kind: "hide" as const }, reasonCategory: "spam" as const };
    expect(await decide(database.db, moderator, { ...input, targetType: "idea", targetId: String(own.idea.id) })).toEqual({
      ok: false,
      problem: "forbidden",
    });
    expect(
      await decide(database.db, moderator, { ...input, targetType: "comment", targetId: String(admins.comment.id) }),
    ).toEqual({ ok: false, problem: "forbidden" });
    expect(
      await decide(database.db, moderator, {
        ...input,
        targetType: "user",
        targetId: admin.id,
        decision: { kind: "suspend", until: new Date(Date.now() + 1e6) },
      }),
    ).toEqual({
      ok: false,
      problem: "forbidden",
    });
    const resident = await createUser(database.db);
    expect(await decide(database.db, resident, { ...input, targetType: "idea", targetId: String(admins.idea.id) })).toEqual({
      ok: false,
      problem: "forbidden",
    });
  });

  it("edits with a reason and keeps the revision; locks and pins an idea", async () => {
    const { idea, comment } = await createIdeaWithComment(database.db, author.id, author.id, "Ring 070-123 45 67");
    const edited = await decide(database.db, moderator, {
      targetType: "comment",
      targetId: String(comment.id),
      decision: { kind: "edit", body: "Ring [telefonnummer borttaget]" },
      reasonCategory: "personal_data",
      reason: "Telefonnummer",
    });
    expect(edited.ok).toBe(true);
    const [rev] = await database.db
      .select()
      .from(revisions)
      .where(and(eq(revisions.targetType, "comment"), eq(revisions.targetId, comment.id)));
    expect(rev).toMatchObject({ body: "Ring 070-123 45 67", reason: "Telefonnummer", editorId: moderator.id });
    const [after] = await database.db.select().from(comments).where(eq(comments.id, comment.id));
    expect(after.body).toBe("Ring [telefonnummer borttaget]");

    const target = { targetType: "idea" as const, targetId: String(idea.id) };
    expect(
      (await decide(database.db, moderator, { ...target, decision: { kind: "lock" }, reasonCategory: "off_topic" })).ok,
    ).toBe(true);
    expect((await decide(database.db, moderator, { ...target, decision: { kind: "pin" } })).ok).toBe(true);
    let [row] = await database.db.select().from(ideas).where(eq(ideas.id, idea.id));
    expect(row).toMatchObject({ locked: true, pinned: true });
    expect(await decide(database.db, moderator, { ...target, decision: { kind: "pin" } })).toEqual({
      ok: false,
      problem: "not_applicable",
    });
    const available = await availableDecisions(database.db, moderator, "idea", String(idea.id));
    expect(available!.kinds).toEqual(expect.arrayContaining(["unlock", "unpin", "hide", "edit", "delete"]));
    expect(available!.kinds).not.toContain("approve");
    await decide(database.db, moderator, { ...target, decision: { kind: "unlock" } });
    await decide(database.db, moderator, { ...target, decision: { kind: "unpin" } });
    [row] = await database.db.select().from(ideas).where(eq(ideas.id, idea.id));
    expect(row).toMatchObject({ locked: false, pinned: false });
    const deleted = await decide(database.db, moderator, { ...target, decision: { kind: "delete" }, reasonCategory: "spam" });
    expect(deleted.ok).toBe(true);
    [row] = await database.db.select().from(ideas).where(eq(ideas.id, idea.id));
    expect(row.deletedAt).not.toBeNull();
  });

  it("suspends a user for a period and lifts it; the reported user is in the queue", async () => {
    const troll = await createUser(database.db);
    expect((await report(reporters[0], "user", troll.id)).ok).toBe(true);
    const until = new Date(Date.now() + 7 * 86_400_000);
    const result = await decide(database.db, moderator, {
      targetType: "user",
      targetId: troll.id,
      decision: { kind: "suspend", until },
      reasonCategory: "spam",
      reason: "Reklam i varje tråd",
    });
    if (!result.ok) throw new Error(result.problem);
    expect(result.disconnectUserId).toBe(troll.id);
    let [row] = await database.db.select().from(users).where(eq(users.id, troll.id));
    expect(row.suspendedUntil?.getTime()).toBe(until.getTime());
    const [item] = await database.db
      .select()
      .from(reviewItems)
      .where(and(eq(reviewItems.targetType, "user"), eq(reviewItems.targetId, troll.id)));
    expect(item.status).toBe("rejected");
    expect(
      (await decide(database.db, moderator, { targetType: "user", targetId: troll.id, decision: { kind: "unsuspend" } })).ok,
    ).toBe(true);
    [row] = await database.db.select().from(users).where(eq(users.id, troll.id));
    expect(row.suspendedUntil).toBeNull();
  });
});
