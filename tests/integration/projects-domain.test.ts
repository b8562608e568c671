import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../support/databases";
import { moderationActions, notifications, partners } from "../../db/schema";
import { createProject, slugify } from "../../app/domain/projects/create.server";
import { changeProjectStatus, postProjectUpdate } from "../../app/domain/projects/timeline.server";
import { getProjectBySlug, listProjects } from "../../app/domain/projects/projects.server";
import { setFollow } from "../../app/domain/notifications/notifications.server";
import { challengeId, createResidents, userId } from "./ideas-fixtures";

describe.each(databaseKinds)("lab projects on %s", (kind) => {
  let database: TestDatabase;
  let db: TestDatabase["db"];
  let staff: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind, { seed: true });
    db = database.db;
    staff = await userId(db, "labbet@example.se");
  });
  afterAll(() => database?.close());

  async function newProject(title: string, challenge: number | null, partnerIds: number[] = []) {
    const result = await createProject(db, {
      actorId: staff,
      title,
      summary: "Sammanfattning",
      leadId: staff,
      challengeId: challenge,
      partnerIds,
    });
    if (!result.ok) throw new Error(result.problem);
    return result.project;
  }

  it("slugs are readable Swedish and unique", async () => {
    expect(slugify("Läsfrämjande på Årby förskola!")).toBe("lasframjande-pa-arby-forskola");
    expect(slugify("???")).toBe("projekt");
    const a = await newProject("Samma namn", null);
    const b = await newProject("Samma namn", null);
    expect(a.slug).toBe("samma-namn");
    expect(b.slug).toBe("samma-namn-2");
  });

  it("moves upcoming → ongoing → completed with an update, telling followers each time", async () => {
    const project = await newProject("Läxhjälp i Råbergstorp", await challengeId(db, "narvaro-i-skolan"));
    const [follower, other] = await createResidents(db, 2, "projektföljare");
    await setFollow(db, follower, "project", project.id, true);

    expect(
      await changeProjectStatus(db, { actorId: staff, projectId: project.id, to: "completed", resultsSummary: "x" }),
    ).toMatchObject({
      ok: false,
      problem: "invalid_transition",
    });
    const ongoing = await changeProjectStatus(db, {
      actorId: staff,
      projectId: project.id,
      to: "ongoing",
      note: "Vi har börjat!",
    });
    expect(ongoing.ok && ongoing.events.some((e) => e.room === `project:${project.id}` && e.type === "project.status")).toBe(
      true,
    );
    const update = await postProjectUpdate(db, {
      actorId: staff,
      projectId: project.id,
      body: "Första veckan: **12** elever kom.",
    });
    expect(update.ok).toBe(true);
    expect(await changeProjectStatus(db, { actorId: staff, projectId: project.id, to: "completed" })).toMatchObject({
      ok: false,
      problem: "results_required",
    });
    const done = await changeProjectStatus(db, {
      actorId: staff,
      projectId: project.id,
      to: "completed",
      resultsSummary: "Närvaron ökade med *fem* procentenheter.",
    });
    expect(done.ok).toBe(true);

    const page = await getProjectBySlug(db, project.slug);
    expect(page?.status).toBe("completed");
    expect(page?.resultsHtml).toContain("<em>fem</em>");
    expect(page?.timeline.map((u) => [u.kind, u.toStatus])).toEqual([
      ["status", "completed"],
      ["update", null],
      ["status", "ongoing"],
      ["status", "upcoming"],
    ]);
    expect(page?.timeline[1].bodyHtml).toContain("<strong>12</strong>");

    const notes = await db.select().from(notifications).where(eq(notifications.userId, follower));
    expect(notes.map((n) => n.kind).sort()).toEqual(["project.status", "project.status", "project.update"]);
    expect(await db.select().from(notifications).where(eq(notifications.userId, other))).toHaveLength(0);
    expect(await db.select().from(notifications).where(eq(notifications.userId, staff))).toHaveLength(0);

    const audits = await db
      .select()
      .from(moderationActions)
      .where(and(eq(moderationActions.targetType, "project"), eq(moderationActions.targetId, String(project.id))));
    expect(audits.map((a) => a.action).sort()).toEqual(["project.create", "project.status", "project.status"]);
    expect(audits.every((a) => a.public)).toBe(true);
  });

  it("cancelling needs a public reason, and nothing leaves cancelled", async () => {
    const project = await newProject("Projekt som avbryts", null);
    expect(await changeProjectStatus(db, { actorId: staff, projectId: project.id, to: "cancelled" })).toMatchObject({
      ok: false,
      problem: "reason_required",
    });
    expect(
      (
        await changeProjectStatus(db, {
          actorId: staff,
          projectId: project.id,
          to: "cancelled",
          reason: "Ingen skola kunde delta.",
        })
      ).ok,
    ).toBe(true);
    const page = await getProjectBySlug(db, project.slug);
    expect(page?.cancelReason).toBe("Ingen skola kunde delta.");
    expect(await changeProjectStatus(db, { actorId: staff, projectId: project.id, to: "ongoing" })).toMatchObject({
      ok: false,
      problem: "invalid_transition",
    });
  });

  it("lists projects filtered by focus area, partner and goal", async () => {
    const [vasteras] = await db.select().from(partners).where(eq(partners.slug, "vasteras"));
    const care = await newProject("Digital fika för äldre", await challengeId(db, "valfardsteknik-hemma"), [vasteras.id]);
    const school = await newProject("Läsombud", await challengeId(db, "lasglada-barn"));
    const byArea = await listProjects(db, { focusArea: "nara-vard" });
    expect(byArea.map((p) => p.id)).toContain(care.id);
    expect(byArea.map((p) => p.id)).not.toContain(school.id);
    const byPartner = await listProjects(db, { partner: "vasteras" });
    expect(byPartner.map((p) => p.id)).toContain(care.id);
    expect(byPartner.find((p) => p.id === care.id)?.partners).toEqual([{ name: "Västerås stad", slug: "vasteras" }]);
    // Without chosen partners, the challenge's owners are responsible.
    expect(byPartner.map((p) => p.id)).toContain(school.id);
    const byGoal = await listProjects(db, { goal: 9 });
    expect(byGoal.map((p) => p.id)).toEqual([care.id]);
  });
});
