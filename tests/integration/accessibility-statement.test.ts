import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { barrierReports } from "../../db/schema";
import { databaseKinds } from "../support/databases";
import { HttpClient } from "../support/http";
import { startTestServer, type TestServer } from "../support/server";
import { visibleText } from "../support/html";
import { testOutbox } from "../support/outbox";
import { copy } from "../support/copy";

function mailTo(address: string, subjectPart: string): boolean {
  const dir = testOutbox;
  if (!fs.existsSync(dir)) return false;
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .some((name) => {
      const mail = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")) as { to: string; subject: string };
      return mail.to === address && mail.subject.includes(subjectPart);
    });
}

describe.each(databaseKinds)("the accessibility statement on %s", (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("states WCAG 2.1 AA conformance, the known gaps and how to report, and is linked from every page", async () => {
    const response = await fetch(new URL("/tillganglighet", server.url));
    expect(response.status).toBe(200);
    const text = visibleText(await response.text());
    expect(text).toContain(copy("accessibility.title"));
    expect(text).toContain("WCAG 2.1 nivå AA");
    expect(text).toContain(copy("accessibility.gapsTitle"));
    expect(text).toContain(copy("accessibility.reportTitle"));
    expect(text).toContain("Digg");
    const home = await (await fetch(new URL("/", server.url))).text();
    expect(home).toContain('href="/tillganglighet"');
  });

  it("stores a visitor's barrier report and tells the administrators by mail", async () => {
    const visitor = new HttpClient(server.url);
    const page = `Kommentarsfältet ${kind} ${Date.now()}`;
    const response = await visitor.post("/tillganglighet", {
      page,
      description: "Skärmläsaren läser inte upp felmeddelandet när jag skickar en tom kommentar.",
      contactEmail: "rapportor@example.se",
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Tack! Din rapport har kommit fram");
    const rows = await server.database.db.select().from(barrierReports);
    const stored = rows.find((r) => r.page === page);
    expect(stored).toMatchObject({ contactEmail: "rapportor@example.se", reporterId: null });
    await expect.poll(() => mailTo("admin@example.se", page), { timeout: 5_000 }).toBe(true);
  });

  it("keeps what was typed and explains the problem when the form is incomplete", async () => {
    const response = await new HttpClient(server.url).post("/tillganglighet", {
      page: "",
      description: "kort",
      contactEmail: "inte-en-adress",
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(copy("accessibility.report.pageRequired"));
    expect(html).toContain("Minst 10 tecken.");
    expect(html).toContain(copy("accessibility.report.emailInvalid"));
    expect(html).toContain("inte-en-adress");
  });

  it("limits how many reports one person sends in an hour", async () => {
    const resident = new HttpClient(server.url);
    await resident.login("invanare2@example.se");
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await resident.post("/tillganglighet", {
        page: `Sida ${i}`,
        description: "Knappen går inte att nå med tangentbordet.",
      });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
        expect(await response.text()).toContain("Du har skickat många rapporter på kort tid.");
      }
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });
});
