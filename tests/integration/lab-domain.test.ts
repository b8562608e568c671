import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../support/databases";
import {
  challenges,
  follows,
  ideaReviews,
  ideas,
  labProjects,
  liveEvents,
  moderationActions,
  notifications,
} from "../../db/schema";
import { createIdea } from "../../app/domain/ideas/ideas.server";
import { setSupport } from "../../app/domain/votes/votes.server";
import { declineIdea, promoteIdeas } from "../../app/domain/lab/decisions.server";
import { listReviewQueue, setSupportThreshold } from "../../app/domain/lab/queue.server";
import { getIdeaLabInfo, getProjectBySlug } from "../../app/domain/projects/projects.server";
import { setFollow } from "../../app/domain/notifications/notifications.server";
import { challengeId, createResidents, userId } from "./ideas-fixtures";

describe.each(databaseKinds)("support threshold and lab decisions on %s", (kind) => {
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

  async function newIdea(title: string, challengeSlugId = challenge) {
    const created = await createIdea(db, { challengeId: challengeSlugId, authorId: author, title, body: "Text om idén" });
    if (!created.ok) throw new Error(created.problem);
    return created.ideaId;
  }
  async function support(ideaId: number, users: string[], supported = true) {
    const results = await Promise.all(users.map((u) => setSupport(db, { ideaId, userId: u, supported })));
    expect(results.every((r) => r.ok)).toBe(true);
    return results;
  }
  async function statusOf(ideaId: number) {
    const [row] = await db.select({ status: ideas.status }).from(ideas).where(eq(ideas.id, ideaId));
    return row.status;
  }
  function notificationsOf(user: string, kind: string) {
    return db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, user), eq(notifications.kind, kind)));
  }

  it("an idea becomes ready for review exactly once when the last supports arrive at the same time", async () => {
    const ideaId = await newIdea("Läxhjälp på fritidsgården");
    const crowd = await createResidents(db, 12, "tröskel");
    // Threshold 5: twelve supports at once, so several transactions see a count at or over it.
    const results = await support(ideaId, crowd);
    const events = results.flatMap((r) => (r.ok ? r.events : []));
    expect(events.filter((e) => e.room === "lab" && e.type === "lab.ready")).toHaveLength(1);
    expect(await statusOf(ideaId)).toBe("ready_for_review");
    expect(await db.select().from(ideaReviews).where(eq(ideaReviews.ideaId, ideaId))).toHaveLength(1);
    const stored = await database.rows<{ n: number }>(
      sql`select count(*)::int as n from live_events where room = 'lab' and type = 'lab.ready' and (payload->>'id')::int = ${ideaId}`,
    );
    expect(Number(stored[0].n)).toBe(1);
    expect(await notificationsOf(author, "idea.threshold")).toHaveLength(1);
    const staffNotes = (await notificationsOf(staff, "lab.ready")).filter(
      (n) => (n.data as { ideaId: number }).ideaId === ideaId,
    );
    expect(staffNotes).toHaveLength(1);
    // The staff member's private room gets the live event, so the header count moves at once.
    expect(events.some((e) => e.room === `user:${staff}` && e.type === "notification.created")).toBe(true);
    // Supporting follows the idea by default.
    const followed = await db
      .select()
      .from(follows)
      .where(and(eq(follows.targetType, "idea"), eq(follows.targetId, ideaId)));
    expect(followed).toHaveLength(12);

    // Falling below and climbing back keeps the status and tells nobody a second time.
    await support(ideaId, crowd.slice(0, 10), false);
    expect(await statusOf(ideaId)).toBe("ready_for_review");
    const info = await getIdeaLabInfo(db, ideaId);
    expect(info?.belowAfterReaching).toBe(true);
    expect(info?.progress).toEqual({ current: 2, threshold: 5 });
    await support(ideaId, crowd.slice(0, 10));
    expect(await notificationsOf(author, "idea.threshold")).toHaveLength(1);
    const queue = await listReviewQueue(db, "newest");
    expect(queue.map((q) => q.id)).toContain(ideaId);
  });

  it("lowering a challenge's threshold makes ideas that already have enough support ready", async () => {
    const other = await challengeId(db, "trygg-vag-till-skolan");
    const ideaId = await newIdea("Vuxna på cykelvägen", other);
    await support(ideaId, await createResidents(db, 3, "sänkt"));
    expect(await statusOf(ideaId)).toBe("open");
    const result = await setSupportThreshold(db, { actorId: staff, challengeId: other, threshold: 3 });
    expect(result.ok && result.events.some((e) => e.type === "lab.ready")).toBe(true);
    expect(await statusOf(ideaId)).toBe("ready_for_review");
    const [row] = await db.select().from(challenges).where(eq(challenges.id, other));
    expect(row.supportThreshold).toBe(3);
  });

  it("promotion creates an upcoming project linked both ways and notifies author, supporters and followers", async () => {
    const ideaId = await newIdea("Kvällsöppet skolbibliotek");
    const supporters = await createResidents(db, 5, "stöd");
    await support(ideaId, supporters);
    const [follower] = await createResidents(db, 1, "följare");
    await setFollow(db, follower, "idea", ideaId, true);

    const result = await promoteIdeas(db, {
      actorId: staff,
      ideaIds: [ideaId],
      title: "Kvällsöppet skolbibliotek i Fröslunda",
      summary: "Vi prövar kvällsöppet två dagar i veckan.",
      leadId: staff,
      partnerIds: [],
    });
    if (!result.ok) throw new Error(result.problem);
    expect(await statusOf(ideaId)).toBe("promoted");
    const project = await getProjectBySlug(db, result.slug);
    expect(project).toMatchObject({
      title: "Kvällsöppet skolbibliotek i Fröslunda",
      status: "upcoming",
      sdgGoals: [4, 3, 10],
      perspectives: ["proactive", "resident_first", "partnership"],
      lead: { id: staff },
      totalSupporters: 5,
    });
    expect(project?.partners.map((p) => p.slug).sort()).toEqual(["eskilstuna", "mdu"]);
    expect(project?.origins.map((o) => o.id)).toEqual([ideaId]);
    expect(project?.challenge?.id).toBe(challenge);
    const info = await getIdeaLabInfo(db, ideaId);
    expect(info?.project?.slug).toBe(result.slug);
    expect(info?.decisions.map((d) => d.action)).toEqual(["idea.promote"]);

    for (const user of [author, ...supporters, follower]) {
      const notes = (await notificationsOf(user, "idea.promoted")).filter(
        (n) => (n.data as { ideaId: number }).ideaId === ideaId,
      );
      expect(notes, user).toHaveLength(1);
      expect(notes[0].link).toBe(`/projekt/${result.slug}`);
      expect(notes[0].emailStatus).toBe("queued");
    }
    expect(await notificationsOf(staff, "idea.promoted")).toHaveLength(0);
    const projectFollowers = await db
      .select()
      .from(follows)
      .where(and(eq(follows.targetType, "project"), eq(follows.targetId, result.projectId)));
    expect(projectFollowers.map((f) => f.userId).sort()).toEqual([author, ...supporters, follower].sort());
    expect(result.events.some((e) => e.room === `idea:${ideaId}` && e.type === "idea.status")).toBe(true);

    // A promoted idea cannot be promoted or declined again.
    const again = await declineIdea(db, { actorId: staff, ideaId, reason: "Dubbel" });
    expect(again).toMatchObject({ ok: false, problem: "idea_not_reviewable" });
  });

  it("an idea below the threshold needs a recorded reason to be promoted", async () => {
    const ideaId = await newIdea("Morgonpromenad med klassen");
    const base = {
      actorId: staff,
      ideaIds: [ideaId],
      title: "Morgonpromenad",
      summary: "Sammanfattning",
      leadId: staff,
      partnerIds: [],
    };
    expect(await promoteIdeas(db, base)).toMatchObject({ ok: false, problem: "reason_required" });
    expect(await statusOf(ideaId)).toBe("open");
    const result = await promoteIdeas(db, { ...base, reason: "Passar ett pågående försök på skolan." });
    expect(result.ok).toBe(true);
    const [audit] = await db
      .select()
      .from(moderationActions)
      .where(and(eq(moderationActions.targetType, "idea"), eq(moderationActions.targetId, String(ideaId))));
    expect(audit).toMatchObject({ action: "idea.promote", reason: "Passar ett pågående försök på skolan.", public: true });
    expect(audit.details).toMatchObject({ belowThreshold: true });
  });

  it("several ideas merge into one project; ideas from different challenges do not", async () => {
    const first = await newIdea("Frukost i klassrummet");
    const second = await newIdea("Gemensam morgonsamling");
    await support(first, await createResidents(db, 5, "merge"));
    const result = await promoteIdeas(db, {
      actorId: staff,
      ideaIds: [first, second],
      title: "Lugn skolstart",
      summary: "Två idéer om morgonen i ett projekt.",
      leadId: staff,
      partnerIds: [],
      reason: "Idéerna kompletterar varandra.",
    });
    if (!result.ok) throw new Error(result.problem);
    const project = await getProjectBySlug(db, result.slug);
    expect(project?.origins.map((o) => o.id)).toEqual([first, second]);
    expect(await statusOf(first)).toBe("promoted");
    expect(await statusOf(second)).toBe("promoted");

    const elsewhere = await newIdea("Idé i annan utmaning", await challengeId(db, "lasglada-barn"));
    const here = await newIdea("Idé här");
    const mixed = await promoteIdeas(db, {
      actorId: staff,
      ideaIds: [here, elsewhere],
      title: "Blandat",
      summary: "x",
      leadId: staff,
      partnerIds: [],
      reason: "x",
    });
    expect(mixed).toMatchObject({ ok: false, problem: "different_challenges" });
    const resident = await createResidents(db, 1, "ej-labb");
    const badLead = await promoteIdeas(db, {
      actorId: staff,
      ideaIds: [here],
      title: "Fel ledare",
      summary: "x",
      leadId: resident[0],
      partnerIds: [],
      reason: "x",
    });
    expect(badLead).toMatchObject({ ok: false, problem: "invalid_lead" });
    expect(await db.select().from(labProjects).where(eq(labProjects.title, "Fel ledare"))).toHaveLength(0);
  });

  it("declining needs a public reason and tells the author and followers why", async () => {
    const ideaId = await newIdea("Idé som inte passar labbet");
    const [follower] = await createResidents(db, 1, "avslag");
    await setFollow(db, follower, "idea", ideaId, true);
    expect(await declineIdea(db, { actorId: staff, ideaId, reason: "   " })).toMatchObject({
      ok: false,
      problem: "reason_required",
    });
    const result = await declineIdea(db, { actorId: staff, ideaId, reason: "Kommunen gör redan detta sedan i höstas." });
    expect(result.ok).toBe(true);
    expect(await statusOf(ideaId)).toBe("declined");
    for (const user of [author, follower]) {
      const [note] = (await notificationsOf(user, "idea.declined")).filter(
        (n) => (n.data as { ideaId: number }).ideaId === ideaId,
      );
      expect((note.data as { reason: string }).reason).toBe("Kommunen gör redan detta sedan i höstas.");
    }
    const info = await getIdeaLabInfo(db, ideaId);
    expect(info?.decisions[0]).toMatchObject({ action: "idea.decline", reason: "Kommunen gör redan detta sedan i höstas." });
    const lab = await db
      .select()
      .from(liveEvents)
      .where(and(eq(liveEvents.room, "lab"), eq(liveEvents.type, "lab.decided")));
    expect(lab.some((e) => (e.payload as { id: number }).id === ideaId)).toBe(true);
  });
});
