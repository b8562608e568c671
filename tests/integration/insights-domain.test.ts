import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../support/databases";
import { getInsights, type Insights } from "../../app/domain/insights/insights.server";
import { parseInsightsParams, type InsightsParams } from "../../app/domain/insights/filters";
import { funnelWithConversion } from "../../app/domain/insights/funnel";
import { insightsCsv } from "../../app/domain/insights/csv.server";
import { fixtureNow, insertInsightsFixture } from "./insights-fixture";

describe.each(databaseKinds)("insights aggregates on %s", (kind) => {
  let database: TestDatabase;
  let fixture: Awaited<ReturnType<typeof insertInsightsFixture>>;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    fixture = await insertInsightsFixture(database.db);
  });
  afterAll(() => database?.close());

  async function insights(query: Record<string, string>, staff = false): Promise<Insights> {
    const parsed = parseInsightsParams(new URLSearchParams(query));
    if (!parsed.ok) throw new Error(parsed.problem);
    const result = await getInsights(database.db, parsed.params, { staff, now: fixtureNow });
    if (!result.ok) throw new Error(result.problem);
    return result.insights;
  }

  it("counts ideas, comments, supports and participants per Swedish week over the last 30 days", async () => {
    const { activity, totals } = await insights({ period: "30-dagar" });
    expect(activity).toEqual([
      { week: "2025-05-19", ideas: 0, comments: 0, supports: 0, participants: 0 },
      { week: "2025-05-26", ideas: 0, comments: 0, supports: 0, participants: 0 },
      { week: "2025-06-02", ideas: 1, comments: 0, supports: 0, participants: 1 },
      { week: "2025-06-09", ideas: 1, comments: 0, supports: 0, participants: 1 },
      { week: "2025-06-16", ideas: 1, comments: 2, supports: 4, participants: 4 },
    ]);
    // Hidden ideas and comments are left out; u1 takes part in three weeks but counts once.
    expect(totals).toEqual({ ideas: 3, comments: 2, supports: 4, participants: 4 });
  });

  it("follows ideas of the period through the funnel, with the conversion between steps", async () => {
    const { funnel } = await insights({ period: "30-dagar" });
    expect(funnel).toEqual({ ideas: 3, reachedThreshold: 2, promoted: 1, ongoing: 1, completed: 0 });
    expect(funnelWithConversion(funnel).map((s) => s.conversion)).toEqual([null, 2 / 3, 1 / 2, 1, 0]);

    const year = await insights({ period: "12-manader" });
    expect(year.funnel).toEqual({ ideas: 4, reachedThreshold: 2, promoted: 1, ongoing: 1, completed: 0 });
    const all = await insights({ period: "allt" });
    expect(all.funnel).toEqual({ ideas: 5, reachedThreshold: 3, promoted: 2, ongoing: 2, completed: 1 });
  });

  it("takes the median time from posting to the lab's decision", async () => {
    expect((await insights({ period: "30-dagar" })).decisionTime).toEqual({
      decisions: 2,
      promoted: 1,
      declined: 1,
      medianDays: 3,
    });
    expect((await insights({ period: "allt" })).decisionTime).toEqual({ decisions: 3, promoted: 2, declined: 1, medianDays: 5 });
  });

  it("counts projects by status, partner and Agenda 2030 goal", async () => {
    const month = await insights({ period: "30-dagar" });
    expect(month.projects.byStatus).toEqual([
      { status: "upcoming", projects: 0 },
      { status: "ongoing", projects: 1 },
      { status: "completed", projects: 0 },
      { status: "cancelled", projects: 0 },
    ]);
    const all = await insights({ period: "allt" });
    expect(all.projects.byPartner).toEqual([
      { slug: "partner-x", name: "Partner X", projects: 2 },
      { slug: "partner-y", name: "Partner Y", projects: 1 },
    ]);
    expect(all.projects.byGoal).toEqual([
      { goal: 3, projects: 1 },
      { goal: 4, projects: 2 },
    ]);
  });

  it("ranks open ideas by the supports given in the period", async () => {
    expect((await insights({ period: "30-dagar" })).topIdeas).toEqual([
      { id: fixture.ideas.i2, title: "Idé två", supportsInPeriod: 1, supportsTotal: 1 },
    ]);
    expect((await insights({ period: "allt" })).topIdeas.map((i) => i.id)).toEqual([fixture.ideas.i2, fixture.ideas.i4]);
  });

  it("narrows every figure to one challenge or one focus area", async () => {
    const b = await insights({ period: "30-dagar", utmaning: "utmaning-b" });
    expect(b.totals).toEqual({ ideas: 1, comments: 0, supports: 0, participants: 1 });
    expect(b.funnel).toEqual({ ideas: 1, reachedThreshold: 1, promoted: 0, ongoing: 0, completed: 0 });
    expect(b.decisionTime).toMatchObject({ decisions: 1, medianDays: 5 });
    expect(b.projects.byStatus.every((s) => s.projects === 0)).toBe(true);

    const areaA = await insights({ period: "30-dagar", fokusomrade: "omrade-a" });
    expect(areaA.totals).toEqual({ ideas: 2, comments: 2, supports: 4, participants: 4 });
    expect(areaA.scope.focusArea).toEqual({ slug: "omrade-a", name: "Område A" });
  });

  it("adds moderation figures for staff only", async () => {
    expect((await insights({ period: "30-dagar" })).staff).toBeNull();
    const staff = (await insights({ period: "30-dagar" }, true)).staff!;
    expect(staff.reports.slice(-2)).toEqual([
      { week: "2025-06-09", reports: 2 },
      { week: "2025-06-16", reports: 1 },
    ]);
    // Decisions: the lock, the hidden comment and the suspension of the last 30 days, whether a queue case led to them or not.
    expect(staff.moderation).toEqual({ decisions: 3, decided: 4, medianHoursToDecision: 5, appealsDecided: 2, appealsUpheld: 1 });

    const a = (await insights({ period: "30-dagar", utmaning: "utmaning-a" }, true)).staff!;
    expect(a.reports.reduce((n, w) => n + w.reports, 0)).toBe(1);
    // A person is in no challenge: the suspension counts only for the whole forum.
    expect(a.moderation).toEqual({ decisions: 2, decided: 2, medianHoursToDecision: 8, appealsDecided: 1, appealsUpheld: 1 });
  });

  it("refuses unknown scopes and a challenge outside the chosen focus area", async () => {
    const params = (p: Partial<InsightsParams>): InsightsParams => ({ period: "allt", focusArea: null, challenge: null, ...p });
    const run = (p: Partial<InsightsParams>) => getInsights(database.db, params(p), { staff: false, now: fixtureNow });
    expect(await run({ focusArea: "finns-inte" })).toEqual({ ok: false, problem: "unknown_focus_area" });
    expect(await run({ challenge: "finns-inte" })).toEqual({ ok: false, problem: "unknown_challenge" });
    expect(await run({ focusArea: "omrade-a", challenge: "utmaning-b" })).toEqual({
      ok: false,
      problem: "challenge_outside_focus_area",
    });
    expect((await run({ focusArea: "omrade-b", challenge: "utmaning-b" })).ok).toBe(true);
  });

  it("writes every series as CSV, staff series only when computed for staff", async () => {
    const header = (c: string) => c;
    const publicFigures = await insights({ period: "30-dagar" });
    expect(insightsCsv(publicFigures, "aktivitet", header)).toBe(
      "week,ideas,comments,supports,participants\r\n2025-05-19,0,0,0,0\r\n2025-05-26,0,0,0,0\r\n2025-06-02,1,0,0,1\r\n2025-06-09,1,0,0,1\r\n2025-06-16,1,2,4,4\r\n",
    );
    expect(insightsCsv(publicFigures, "tratt", header)).toContain("step.reachedThreshold,2,0.6667");
    expect(insightsCsv(publicFigures, "anmalningar", header)).toBeNull();
    const staff = await insights({ period: "30-dagar" }, true);
    expect(insightsCsv(staff, "moderering", header)).toBe(
      "decisions,decided,medianHours,appealsDecided,appealsUpheld\r\n3,4,5,2,1\r\n",
    );
  });
});

describe("insights parameters", () => {
  it("accepts the three periods and defaults to twelve months", () => {
    expect(parseInsightsParams(new URLSearchParams(""))).toEqual({
      ok: true,
      params: { period: "12-manader", focusArea: null, challenge: null },
    });
    expect(parseInsightsParams(new URLSearchParams("period=allt&fokusomrade=&utmaning=x-1"))).toEqual({
      ok: true,
      params: { period: "allt", focusArea: null, challenge: "x-1" },
    });
  });
  it("names the parameter that is wrong", () => {
    expect(parseInsightsParams(new URLSearchParams("period=7-dagar"))).toEqual({ ok: false, problem: "period" });
    expect(parseInsightsParams(new URLSearchParams("fokusomrade=<script>"))).toEqual({ ok: false, problem: "focusArea" });
    expect(parseInsightsParams(new URLSearchParams("utmaning=A B"))).toEqual({ ok: false, problem: "challenge" });
  });
});
