import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import { challenges, ideas, labProjects, projectIdeas } from "../../db/schema";
import { databaseKinds } from "../support/databases";
import { HttpClient } from "../support/http";
import { startTestServer, type TestServer } from "../support/server";
import { createIdea } from "../../app/domain/ideas/ideas.server";
import { setSupport } from "../../app/domain/votes/votes.server";
import { challengeId, createResidents, userId } from "./ideas-fixtures";
import { copy } from "../support/copy";
import { visibleText } from "../support/html";

const text = visibleText;

describe.each(databaseKinds)("lab queue, projects and notifications over HTTP on %s", (kind) => {
  let server: TestServer;
  let staff: HttpClient;
  let amina: HttpClient;
  let visitor: HttpClient;

  let outbox: string;

  beforeAll(async () => {
    // Mails go to a throwaway outbox per database, not the developer's data folder.
    outbox = await fs.mkdtemp(path.join(os.tmpdir(), `sf-lab-http-mail-${kind}-`));
    server = await startTestServer(kind, { config: { mail: { outboxDir: outbox } } });
    staff = new HttpClient(server.url);
    amina = new HttpClient(server.url);
    visitor = new HttpClient(server.url);
    await staff.login("labbet@example.se");
    await amina.login("invanare@example.se");
  });
  afterAll(async () => {
    await server?.close();
    await fs.rm(outbox, { recursive: true, force: true });
  });

  async function ideaOverThreshold(title: string) {
    const db = server.database.db;
    const created = await createIdea(db, {
      challengeId: await challengeId(db, "narvaro-i-skolan"),
      authorId: await userId(db, "invanare@example.se"),
      title,
      body: "En idé som får stöd.",
    });
    if (!created.ok) throw new Error(created.problem);
    for (const u of await createResidents(db, 5, "http-stöd"))
      await setSupport(db, { ideaId: created.ideaId, userId: u, supported: true });
    return created.ideaId;
  }

  it("shows the seeded project under pågående, with its origin idea, supporters and update", async () => {
    const list = text(await (await visitor.get("/projekt")).text());
    expect(list).toMatch(/Pågående .*Frukostklubb för bättre närvaro/);
    const response = await visitor.get("/projekt/frukostklubb-for-battre-narvaro");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("<strong>Årbyskolan</strong>");
    expect(text(html)).toContain("Frukostklubb som får fler att komma i tid – 3 stöd");
    expect(text(html)).toContain("Status: Kommande → Pågående");
    const [idea] = await server.database.db
      .select()
      .from(ideas)
      .where(eq(ideas.title, "Frukostklubb som får fler att komma i tid"));
    const ideaPage = text(await (await visitor.get(`/ideer/${idea.id}`)).text());
    expect(ideaPage).toContain("Till projektet ”Frukostklubb för bättre närvaro”");
    expect(ideaPage).toContain("Motivering: Idén passar Eskilstunas pågående arbete");
    expect((await visitor.get("/projekt/finns-inte")).status).toBe(404);
  });

  it("filters projects and ignores nonsense in the query", async () => {
    expect(text(await (await visitor.get("/projekt?fokusomrade=nara-vard")).text())).not.toContain(
      "Frukostklubb för bättre närvaro",
    );
    expect(text(await (await visitor.get("/projekt?part=eskilstuna&mal=4")).text())).toContain("Frukostklubb för bättre närvaro");
    expect(text(await (await visitor.get("/projekt?part=vasteras")).text())).not.toContain("Frukostklubb för bättre närvaro");
    const odd = await visitor.get("/projekt?mal=abc&fokusomrade=%00&part=' or 1=1");
    expect(odd.status).toBe(200);
  });

  it("states the promotion criteria on the challenge page and the progress on the idea page", async () => {
    const challengePage = text(await (await visitor.get("/utmaningar/narvaro-i-skolan")).text());
    expect(challengePage).toContain("När en idé får 5 stöd blir den redo för bedömning");
    expect(challengePage).toContain("behåller sin status även om stödet senare minskar");
    const db = server.database.db;
    const [sms] = await db.select().from(ideas).where(eq(ideas.title, "Sms till vårdnadshavare redan första frånvarodagen"));
    expect(text(await (await visitor.get(`/ideer/${sms.id}`)).text())).toContain("1 av 5 stöd");
  });

  it("keeps the lab queue to lab staff", async () => {
    expect((await visitor.get("/labbet")).status).toBe(302);
    expect((await amina.get("/labbet")).status).toBe(403);
    expect((await amina.get("/labbet/utmaningar")).status).toBe(403);
    expect((await amina.get("/labbet/nytt-projekt")).status).toBe(403);
    const ideaId = await ideaOverThreshold("Idé som residenten inte får besluta om");
    expect(
      (await amina.post(`/labbet/ide/${ideaId}`, { intent: "decline", reason: "Jag vill inte ha den här idén." })).status,
    ).toBe(403);
    expect((await staff.get("/labbet")).status).toBe(200);
  });

  it("lets staff decline with a required public reason, and promote from the queue", async () => {
    const declinedId = await ideaOverThreshold("Idé som avböjs");
    const queue = text(await (await staff.get("/labbet")).text());
    expect(queue).toContain("Idé som avböjs");
    const empty = await staff.post(`/labbet/ide/${declinedId}`, { intent: "decline", reason: "kort" });
    expect(empty.status).toBe(400);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain("Minst 10 tecken.");
    expect(emptyHtml).toContain(">kort</textarea>");
    const declined = await staff.post(`/labbet/ide/${declinedId}`, {
      intent: "decline",
      reason: "Kommunen gör redan detta sedan i höstas.",
    });
    expect(declined.status).toBe(302);
    expect(text(await (await visitor.get(`/ideer/${declinedId}`)).text())).toContain(
      "Samhällslabbet har avböjt idén. Motivering: Kommunen gör redan detta sedan i höstas.",
    );
    expect((await staff.post(`/labbet/ide/${declinedId}`, { intent: "decline", reason: "Igen, en gång till." })).status).toBe(
      409,
    );

    const ideaId = await ideaOverThreshold("Skolbuss med läxhjälp");
    const promoted = await staff.post(`/labbet/ide/${ideaId}`, {
      intent: "promote",
      title: "Skolbuss med läxhjälp",
      summary: "Vi prövar läxhjälp på skolbussen under en termin.",
      leadId: await userId(server.database.db, "labbet@example.se"),
    });
    expect(promoted.status).toBe(302);
    const location = promoted.headers.get("location")!;
    expect(location).toBe("/projekt/skolbuss-med-laxhjalp");
    const projectPage = text(await (await visitor.get(location)).text());
    expect(projectPage).toContain("Skolbuss med läxhjälp – 5 stöd");
    expect(projectPage).toContain(copy("projects.status.upcoming"));
    expect(text(await (await visitor.get(`/ideer/${ideaId}`)).text())).toContain("Till projektet ”Skolbuss med läxhjälp”");

    const notices = text(await (await amina.get("/notiser")).text());
    expect(notices).toContain("Idén ”Skolbuss med läxhjälp” blev projektet ”Skolbuss med läxhjälp”.");
    expect(notices).toContain("Idén ”Idé som avböjs” avböjdes. Motivering: Kommunen gör redan detta sedan i höstas.");
    expect(await (await amina.get("/")).text()).toMatch(/data-testid="notification-count">\d+</);
    // Without SMTP settings the same news goes to the mail outbox folder.
    await expect
      .poll(async () => {
        const dir = outbox;
        const files = (await fs.readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(".json"));
        const mails = await Promise.all(files.map(async (f) => JSON.parse(await fs.readFile(path.join(dir, f), "utf8"))));
        return mails.some((m) => m.to === "invanare@example.se" && m.subject.includes("blev projektet ”Skolbuss med läxhjälp”"));
      })
      .toBe(true);
  });

  it("merges ideas into one project from the review form, and keeps the choices when the form is refused", async () => {
    const first = await ideaOverThreshold("Läsvänner på rasten");
    const db = server.database.db;
    const second = await createIdea(db, {
      challengeId: await challengeId(db, "narvaro-i-skolan"),
      authorId: await userId(db, "invanare2@example.se"),
      title: "Bokbyte i klassrummet",
      body: "Byt böcker med varandra.",
    });
    if (!second.ok) throw new Error(second.problem);
    const form = (extra: Record<string, string>) =>
      new URLSearchParams({
        intent: "promote",
        title: "Läsglädje på skoltid",
        summary: "Två idéer om läsning under skoldagen blir ett projekt.",
        leadId: "",
        mergeIds: String(second.ideaId),
        ...extra,
      });
    const headers = { "Content-Type": "application/x-www-form-urlencoded", Origin: new URL(server.url).origin };
    const lead = await userId(db, "labbet@example.se");
    // The merged idea has not reached the threshold, so a reason is required, and the choice of ideas stays.
    const refused = await staff.request(`/labbet/ide/${first}`, {
      method: "POST",
      headers,
      body: form({ leadId: lead }).toString(),
    });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain(copy("lab.problems.reason_required"));
    const box = new RegExp(`<input[^>]*name="mergeIds"[^>]*value="${second.ideaId}"[^>]*>`).exec(html)?.[0] ?? "";
    expect(box).toContain("checked");
    const merged = await staff.request(`/labbet/ide/${first}`, {
      method: "POST",
      headers,
      body: form({ leadId: lead, reason: "Båda handlar om läsning i skolan." }).toString(),
    });
    expect(merged.status).toBe(302);
    const page = text(await (await visitor.get(merged.headers.get("location")!)).text());
    expect(page).toContain("Läsvänner på rasten – 5 stöd");
    expect(page).toContain("Bokbyte i klassrummet – 0 stöd");
    expect(page).toContain("Sammanlagt 5 stöd från invånarna.");
  });

  it("gives lab staff a way from an idea's page to its review, before the threshold too, and no one else", async () => {
    const [open] = await server.database.db
      .select({ id: ideas.id, title: ideas.title })
      .from(ideas)
      .where(and(eq(ideas.status, "open"), eq(ideas.hidden, false), isNull(ideas.deletedAt)))
      .limit(1);
    const path = `/ideer/${open.id}`;
    const review = `href="/labbet/ide/${open.id}"`;
    expect(await (await staff.get(path)).text()).toContain(review);
    for (const other of [amina, visitor]) expect(await (await other.get(path)).text()).not.toContain(review);
    const moderator = new HttpClient(server.url);
    await moderator.login("moderator@example.se");
    expect(await (await moderator.get(path)).text()).not.toContain(review);
    // The review says the idea is below the threshold, and still offers the decision.
    const form = text(await (await staff.get(`/labbet/ide/${open.id}`)).text());
    expect(form).toContain(copy("lab.belowThreshold", { current: 0, threshold: 0 }).split("(")[0].trim());
    expect(form).toContain(copy("lab.promoteTitle"));
  });

  it("moves a project through its statuses; residents may not", async () => {
    const [project] = await server.database.db
      .select()
      .from(labProjects)
      .where(eq(labProjects.slug, "frukostklubb-for-battre-narvaro"));
    const path = `/projekt/${project.slug}`;
    expect((await amina.post(path, { intent: "status", to: "completed", resultsSummary: "x" })).status).toBe(403);
    expect((await visitor.post(path, { intent: "update", body: "x" })).status).toBe(302);
    expect((await staff.post(path, { intent: "status", to: "upcoming" })).status).toBe(409);
    const missing = await staff.post(path, { intent: "status", to: "completed", note: "Klart!" });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain(copy("projects.problems.results_required"));
    expect((await staff.post(path, { intent: "status", to: "nonsense" })).status).toBe(400);
    expect((await staff.post(path, { intent: "update", body: "Vecka 3: **fler** kommer i tid." })).status).toBe(200);
    const done = await staff.post(path, {
      intent: "status",
      to: "completed",
      resultsSummary: "Sena ankomster minskade med en tredjedel.",
    });
    expect(done.status).toBe(200);
    const page = text(await (await visitor.get(path)).text());
    expect(page).toContain("Sena ankomster minskade med en tredjedel.");
    expect(page).toContain("Status: Pågående → Genomförd");
    // The idea's page ends its story with the results, and links to them.
    const [{ ideaId }] = await server.database.db
      .select({ ideaId: projectIdeas.ideaId })
      .from(projectIdeas)
      .where(eq(projectIdeas.projectId, project.id));
    const ideaHtml = await (await visitor.get(`/ideer/${ideaId}`)).text();
    expect(text(ideaHtml)).toContain(`${copy("threshold.resultsTitle")} Sena ankomster minskade med en tredjedel.`);
    expect(ideaHtml).toContain(`href="${path}#resultat"`);
    expect(await (await visitor.get(path)).text()).toContain('id="resultat"');
    const notices = text(await (await amina.get("/notiser")).text());
    expect(notices).toContain("Projektet ”Frukostklubb för bättre närvaro” är nu genomförd.");
    expect(notices).toContain("Ny uppdatering i projektet ”Frukostklubb för bättre närvaro”.");
  });

  it("marks notifications read, saves preferences and follows things", async () => {
    const before = await (await amina.get("/notiser")).text();
    expect(before).toContain(copy("notifications.markAllRead"));
    expect((await amina.post("/notiser", { intent: "readAll" })).status).toBe(200);
    const after = text(await (await amina.get("/notiser")).text());
    expect(after).toContain("Du har 0 olästa notiser.");
    const saved = await amina.post("/notiser", { intent: "preferences", "inApp:project.update": "on" });
    expect(saved.status).toBe(200);
    const prefs = await (await amina.get("/notiser")).text();
    const checkbox = (name: string) => new RegExp(`<input[^>]*name="${name.replace(".", "\\.")}"[^>]*>`).exec(prefs)?.[0] ?? "";
    expect(checkbox("inApp:project.update")).toContain("checked");
    expect(checkbox("email:project.update")).not.toContain("checked");
    expect(checkbox("email:idea.promoted")).not.toContain("checked");
    expect((await visitor.get("/notiser")).status).toBe(302);

    const [challenge] = await server.database.db.select().from(challenges).where(eq(challenges.slug, "lasglada-barn"));
    const follow = await amina.post("/folj", {
      targetType: "challenge",
      targetId: String(challenge.id),
      on: "1",
      redirectTo: "/utmaningar/lasglada-barn",
    });
    expect(follow.status).toBe(302);
    expect(text(await (await amina.get("/utmaningar/lasglada-barn")).text())).toContain(copy("follow.challengeOff"));
    expect((await amina.post("/folj", { targetType: "user", targetId: "1", on: "1" })).status).toBe(400);
    expect((await amina.post("/folj", { targetType: "project", targetId: "999999", on: "1" })).status).toBe(404);
    expect((await visitor.post("/folj", { targetType: "project", targetId: "1", on: "1" })).status).toBe(302);
  });

  it("lets staff set a challenge's threshold and create a project directly", async () => {
    const db = server.database.db;
    const [challenge] = await db.select().from(challenges).where(eq(challenges.slug, "psykisk-halsa-unga"));
    expect((await staff.post("/labbet/utmaningar", { challengeId: String(challenge.id), threshold: "-3" })).status).toBe(400);
    expect((await staff.post("/labbet/utmaningar", { challengeId: String(challenge.id), threshold: "12" })).status).toBe(200);
    const [row] = await db.select().from(challenges).where(eq(challenges.id, challenge.id));
    expect(row.supportThreshold).toBe(12);
    expect(text(await (await visitor.get("/utmaningar/psykisk-halsa-unga")).text())).toContain("När en idé får 12 stöd");

    const bad = await staff.post("/labbet/nytt-projekt", { title: "Ko", summary: "för kort" });
    expect(bad.status).toBe(400);
    const created = await staff.post("/labbet/nytt-projekt", {
      title: "Samtalsstöd i skolan",
      summary: "Ett projekt som labbet startar utan en idé från forumet.",
      leadId: await userId(db, "labbet@example.se"),
      challengeId: String(challenge.id),
    });
    expect(created.status).toBe(302);
    expect(created.headers.get("location")).toBe("/projekt/samtalsstod-i-skolan");
    expect(text(await (await visitor.get("/projekt/samtalsstod-i-skolan")).text())).toContain("Västerås stad");
  });
});
