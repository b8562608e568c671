import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { moderationActions, newsItems } from "../../db/schema";
import { databaseKinds } from "../support/databases";
import { HttpClient } from "../support/http";
import { startTestServer, type TestServer } from "../support/server";
import { pageText } from "./site-support";
import { copy } from "../support/copy";

describe.each(databaseKinds)("news, events and the about page over HTTP on %s", (kind) => {
  let server: TestServer;
  let staff: HttpClient;
  let resident: HttpClient;
  let visitor: HttpClient;

  beforeAll(async () => {
    server = await startTestServer(kind);
    staff = new HttpClient(server.url);
    resident = new HttpClient(server.url);
    visitor = new HttpClient(server.url);
    await staff.login("labbet@example.se");
    await resident.login("invanare@example.se");
  });
  afterAll(() => server?.close());

  const page = async (client: HttpClient, path: string) => pageText(await (await client.get(path)).text());

  it("lists upcoming events first, then news and past events newest first, and shows each item", async () => {
    const text = await page(visitor, "/aktuellt");
    const order = [
      "Invånardialog om nära vård",
      "Frukostklubben har startat",
      "Samhällsforum öppnar",
      "Föreläsning: Inkludera Mera",
    ].map((t) => text.indexOf(t));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text.indexOf("Kommande evenemang")).toBeLessThan(order[0]);

    const event = await visitor.get("/aktuellt/forelasning-inkludera-mera");
    expect(event.status).toBe(200);
    const html = await event.text();
    expect(pageText(html)).toMatch(/Var Mälardalens universitet, Västerås · Online/);
    expect(html).toContain('href="https://www.mdu.se/"');
    expect((await visitor.get("/aktuellt/finns-inte")).status).toBe(404);
  });

  it("offers an event as an iCalendar file from its page, and nothing for news or unknown items", async () => {
    const [event] = await server.database.db.select().from(newsItems).where(eq(newsItems.slug, "invanardialog-nara-vard"));
    const html = await (await visitor.get(`/aktuellt/${event.slug}`)).text();
    expect(html).toContain(`href="/aktuellt/${event.slug}/kalender.ics"`);
    expect(html).toContain(copy("news.addToCalendar"));

    const response = await visitor.get(`/aktuellt/${event.slug}/kalender.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${event.slug}.ics"`);
    // Lines folded at 75 octets (RFC 5545 3.1) are unfolded before reading.
    const text = (await response.text()).replace(/\r?\n[ \t]/g, "");
    const utc = (date: Date) =>
      date
        .toISOString()
        .replace(/[-:]/g, "")
        .replace(/\.\d{3}/, "");
    const lines = text.split(/\r?\n/);
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines).toContain("BEGIN:VEVENT");
    expect(lines).toContain(`DTSTART:${utc(event.startsAt!)}`);
    expect(lines).toContain(`DTEND:${utc(event.endsAt!)}`);
    expect(lines).toContain("SUMMARY:Invånardialog om nära vård");
    expect(lines).toContain("LOCATION:Stadsbiblioteket\\, Eskilstuna");
    expect(lines).toContain(`URL:${server.url}/aktuellt/${event.slug}`);
    expect(lines.find((line) => line.startsWith("UID:"))).toBe(`UID:news-${event.id}@${new URL(server.url).host}`);

    // A news item has no time to put in a calendar; an unknown slug is not found.
    expect((await visitor.get("/aktuellt/samhallsforum-oppnar/kalender.ics")).status).toBe(404);
    expect((await visitor.get("/aktuellt/finns-inte/kalender.ics")).status).toBe(404);
    expect(await (await visitor.get("/aktuellt/samhallsforum-oppnar")).text()).not.toContain("kalender.ics");
  });

  it("shows the latest news and events on the home page", async () => {
    const text = await page(visitor, "/");
    expect(text).toContain("Invånardialog om nära vård");
    expect(text).toContain(copy("news.all"));
  });

  it("lets staff write an event in Markdown, keeps unpublished items from visitors and logs every edit", async () => {
    const form = {
      kind: "event",
      title: "Workshop om <trygghet>",
      summary: "Vi arbetar fram idéer om trygghet på väg till skolan.",
      body: "Ta med **dina idéer**.\n\n<script>alert(1)</script>",
      date: "2030-01-10",
      startsAt: "2030-02-01T18:00",
      endsAt: "2030-02-01T20:00",
      location: "",
      online: "on",
      published: "on",
      recordingUrl: "",
    };
    const created = await staff.post("/redaktion/aktuellt/ny", form);
    expect(created.status).toBe(302);
    const location = created.headers.get("location")!;
    expect(location).toBe("/aktuellt/workshop-om-trygghet");
    const html = await (await visitor.get(location)).text();
    expect(html).toContain("<strong>dina idéer</strong>");
    expect(html).not.toContain("<script>alert(1)</script>");
    // Stockholm is UTC+1 in February.
    const [row] = await server.database.db.select().from(newsItems).where(eq(newsItems.slug, "workshop-om-trygghet"));
    expect(row.startsAt?.toISOString()).toBe("2030-02-01T17:00:00.000Z");
    expect(row.published).toBe(true);
    expect(await page(visitor, "/aktuellt")).toContain("Workshop om <trygghet>");

    // Unticking "published" hides it from visitors but not from staff.
    expect((await staff.post(`/redaktion/aktuellt/${row.id}`, { ...form, published: "" })).status).toBe(302);
    expect((await visitor.get(location)).status).toBe(404);
    expect(await page(visitor, "/aktuellt")).not.toContain("Workshop om");
    expect(await page(visitor, "/")).not.toContain("Workshop om");
    expect((await staff.get(location)).status).toBe(200);
    expect(await page(staff, "/aktuellt")).toContain("Workshop om <trygghet>");

    const audit = await server.database.db
      .select()
      .from(moderationActions)
      .where(and(eq(moderationActions.targetType, "news"), eq(moderationActions.targetId, String(row.id))));
    expect(audit.map((a) => a.action).sort()).toEqual(["news.create", "news.update"]);
    expect(audit.every((a) => a.public === false)).toBe(true);
  });

  it("refuses invalid input with words and keeps what was typed", async () => {
    const response = await staff.post("/redaktion/aktuellt/ny", {
      kind: "event",
      title: "Ett evenemang utan tid",
      summary: "kort",
      body: "Text som är tillräckligt lång.",
      date: "igår",
      recordingUrl: "javascript:alert(1)",
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    const text = pageText(html);
    expect(text).toContain(copy("news.form.startsRequired"));
    expect(text).toContain(copy("news.form.placeRequired"));
    expect(text).toContain(copy("news.form.urlInvalid"));
    expect(text).toContain("Minst 10 tecken.");
    expect(html).toContain('value="Ett evenemang utan tid"');
    expect((await staff.post("/redaktion/aktuellt/99999", { kind: "news" })).status).toBe(404);
    expect((await staff.get("/redaktion/aktuellt/abc")).status).toBe(404);
  });

  it("lets only staff edit: residents get 403 and visitors are sent to log in", async () => {
    for (const path of ["/redaktion", "/redaktion/aktuellt/ny", "/redaktion/om"]) {
      expect((await resident.get(path)).status, path).toBe(403);
      expect((await visitor.get(path)).status, path).toBe(302);
    }
    expect((await resident.post("/redaktion/aktuellt/ny", { kind: "news", title: "Inte tillåtet" })).status).toBe(403);
    expect((await resident.post("/redaktion/om", { vision: "x", mission: "x", board: "x", core_team: "x" })).status).toBe(403);
  });

  it("shows vision, mission, board and Core Team on the about page, edited by staff with an audit entry", async () => {
    const before = await page(visitor, "/om");
    expect(before).toContain(copy("aboutContent.board"));
    expect(before).toContain("Core Team driver det dagliga arbetet");
    expect(before).toContain(copy("perspective.partnership"));
    const saved = await staff.post("/redaktion/om", {
      vision: "En ny vision för **alla** invånare.",
      mission: "Vårt uppdrag.",
      board: "- Ordförande: Kim Exempel",
      core_team: "- Samordnare: Robin Exempel",
    });
    expect(saved.status).toBe(302);
    const html = await (await visitor.get("/om")).text();
    expect(html).toContain("En ny vision för <strong>alla</strong> invånare.");
    expect(pageText(html)).toContain("Ordförande: Kim Exempel");
    const audit = await server.database.db.select().from(moderationActions).where(eq(moderationActions.targetType, "site_block"));
    expect(audit.map((a) => a.targetId).sort()).toEqual(["board", "core_team", "mission", "vision"]);
    const empty = await staff.post("/redaktion/om", { vision: "", mission: "m", board: "b", core_team: "c" });
    expect(empty.status).toBe(400);
    expect(pageText(await empty.text())).toContain(copy("validation.required"));
  });
});
