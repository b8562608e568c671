import { sql } from "drizzle-orm";
import { getInsights } from "../../app/domain/insights/insights.server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { HttpClient } from "../support/http";
import { startTestServer, type TestServer } from "../support/server";
import { demoUsers } from "../../db/seed";
import { copy } from "../support/copy";
import { visibleText } from "../support/html";

const text = visibleText;

describe.each(databaseKinds)("the insights page over HTTP on %s", (kind) => {
  let server: TestServer;
  let visitor: HttpClient;
  let resident: HttpClient;
  let moderator: HttpClient;

  beforeAll(async () => {
    server = await startTestServer(kind);
    visitor = new HttpClient(server.url);
    resident = new HttpClient(server.url);
    moderator = new HttpClient(server.url);
    await Promise.all([resident.login("invanare@example.se"), moderator.login("moderator@example.se")]);
  });
  afterAll(() => server?.close());

  it("shows charts with titles, axis labels and data tables, and no personal data", async () => {
    const response = await visitor.get("/insikter");
    expect(response.status).toBe(200);
    const html = await response.text();
    const page = text(html);
    expect(page).toContain(copy("insights.activity.title"));
    expect(page).toContain(copy("insights.funnel.title"));
    expect(page).toContain("Visar: Senaste 12 månaderna · Hela forumet");
    // The seeded breakfast-club idea became an ongoing project in the funnel; one idea, in the singular.
    expect(page).toContain(`1 ${copy("insights.kpi.promoted", { count: 1 })}`);
    expect(copy("insights.kpi.promoted", { count: 1 })).toBe("idé blev projekt");
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="[^"]+"/);
    expect(html).toMatch(/<title id="[^"]+">Aktiva deltagare per vecka<\/title>/);
    expect(page).toContain(copy("insights.showTable"));
    expect(html).not.toMatch(/ style="/);
    for (const user of demoUsers) expect(page).not.toContain(user.displayName);
    expect(page).not.toContain(copy("insights.staff.reports"));
    expect(html).not.toContain("/insikter.csv");
  });

  it("accepts each period and keeps the choice in the form", async () => {
    for (const [period, label] of [
      ["30-dagar", "Senaste 30 dagarna"],
      ["12-manader", "Senaste 12 månaderna"],
      ["allt", "Hela tiden"],
    ]) {
      const response = await visitor.get(`/insikter?period=${period}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(text(html)).toContain(`Visar: ${label}`);
      expect(html).toMatch(new RegExp(`<option value="${period}" selected="">`));
    }
  });

  it("narrows to a focus area or a challenge", async () => {
    const area = await visitor.get("/insikter?period=allt&fokusomrade=nara-vard");
    expect(area.status).toBe(200);
    expect(text(await area.text())).toContain("Hela tiden · Nära vård");
    const challenge = await visitor.get("/insikter?period=allt&fokusomrade=skolresultat&utmaning=narvaro-i-skolan");
    expect(challenge.status).toBe(200);
    expect(text(await challenge.text())).toContain("Hela tiden · Fler elever på plats i skolan");
  });

  it("answers 400 with a message for a bad period, an unknown area or challenge, or a mismatch", async () => {
    const cases: [string, string][] = [
      ["/insikter?period=7-dagar", "Okänd period. Välj 30 dagar, 12 månader eller hela tiden."],
      ["/insikter?period=", "Visar:"],
      ["/insikter?fokusomrade=finns-inte", "Det fokusområdet finns inte."],
      ["/insikter?fokusomrade=%3Cscript%3E", "Det fokusområdet finns inte."],
      ["/insikter?utmaning=finns-inte", "Den utmaningen finns inte."],
      ["/insikter?fokusomrade=nara-vard&utmaning=narvaro-i-skolan", "Utmaningen hör inte till det valda fokusområdet."],
    ];
    for (const [path, message] of cases) {
      const response = await visitor.get(path);
      expect(response.status, path).toBe(message === "Visar:" ? 200 : 400);
      const page = text(await response.text());
      expect(page).toContain(message);
      // The form is still there to correct the choice.
      expect(page).toContain(copy("insights.period"));
    }
  });

  it("adds moderation figures and CSV links for staff, not for residents", async () => {
    const residentPage = text(await (await resident.get("/insikter")).text());
    expect(residentPage).not.toContain(copy("insights.staff.reports"));
    const staffHtml = await (await moderator.get("/insikter?period=30-dagar")).text();
    expect(text(staffHtml)).toContain(copy("insights.staff.reports"));
    expect(text(staffHtml)).toContain(copy("insights.staff.appeals"));
    expect(staffHtml).toContain("/insikter.csv?period=30-dagar&amp;serie=aktivitet");
    expect(staffHtml).toContain("serie=moderering");
  });

  it("counts every moderator decision, from the queue or not, with the number and its word agreeing", async () => {
    const inEnglish = new HttpClient(server.url);
    await inEnglish.login("moderator@example.se");
    expect((await inEnglish.post("/sprak", { locale: "en", redirectTo: "/" })).status).toBe(302);
    const decisions = async (locale: "sv" | "en") => {
      // The period no other test here asks for as staff: its figures are not in the cache yet.
      const html = await (await (locale === "en" ? inEnglish : moderator).get("/insikter?period=allt")).text();
      const page = text(html);
      const one = copy("insights.staff.decisions", { count: 1 }, locale);
      const match = new RegExp(`(\\d+) (${one}|${copy("insights.staff.decisions", { count: 5 }, locale)})\\b`).exec(page);
      expect(match, page.slice(0, 400)).not.toBeNull();
      return { count: Number(match![1]), word: match![2] };
    };
    // The page's figures may be up to 30 s old (a cache); the count before is the domain's own, uncached.
    const figures = await getInsights(
      server.database.db,
      { period: "allt", focusArea: null, challenge: null },
      { staff: true, cacheMs: 0 },
    );
    if (!figures.ok) throw new Error(figures.problem);
    const before = figures.insights.staff!.moderation.decisions;
    const [{ id: ideaId }] = await server.database.rows<{ id: number }>(
      sql`select id from ideas where not hidden and deleted_at is null order by id limit 1`,
    );
    // Five decisions on an idea, straight from the content (no report, no queue case).
    for (const beslut of ["lock", "unlock", "hide", "restore", "lock"]) {
      const decided = await moderator.post("/moderator/atgard", {
        typ: "idea",
        id: String(ideaId),
        beslut,
        reasonCategory: "off_topic",
        tillbaka: "/insikter",
      });
      expect(decided.status, beslut).toBe(302);
    }
    expect(await decisions("sv")).toEqual({ count: before + 5, word: copy("insights.staff.decisions", { count: before + 5 }) });
    expect(await decisions("en")).toEqual({
      count: before + 5,
      word: copy("insights.staff.decisions", { count: before + 5 }, "en"),
    });
  });

  it("serves each series as CSV to staff only", async () => {
    expect((await visitor.get("/insikter.csv?serie=aktivitet")).status).toBe(403);
    const refused = await resident.get("/insikter.csv?serie=aktivitet");
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("bara för moderatorer");

    const csv = await moderator.get("/insikter.csv?serie=aktivitet&period=30-dagar");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("content-disposition")).toContain('filename="insikter-aktivitet-30-dagar-alla.csv"');
    const body = (await csv.text()).replace(/^\uFEFF/, "");
    const lines = body.trim().split("\r\n");
    expect(lines[0]).toBe("vecka,idéer,kommentarer,stöd,deltagare");
    expect(lines.length).toBeGreaterThanOrEqual(5);
    expect(lines.slice(1).every((l) => /^\d{4}-\d{2}-\d{2},\d+,\d+,\d+,\d+$/.test(l))).toBe(true);

    const funnel = (await (await moderator.get("/insikter.csv?serie=tratt&period=allt")).text()).replace(/^\uFEFF/, "");
    expect(funnel).toContain("Blev projekt,1,");
    const status = await (await moderator.get("/insikter.csv?serie=projekt-status&period=allt")).text();
    expect(status).toContain("Pågående,1");

    const bad = await moderator.get("/insikter.csv?serie=allt-mojligt");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe("Okänd dataserie.");
    expect((await moderator.get("/insikter.csv?serie=aktivitet&period=igar")).status).toBe(400);
  });

  it("speaks English when the visitor chose English", async () => {
    const response = await visitor.get("/insikter?period=allt", { headers: { Cookie: "sf_lang=en" } });
    const page = text(await response.text());
    expect(page).toContain("From idea to project");
    expect(page).toContain("Showing: All time · The whole forum");
  });
});
