import fs from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contactMessages } from "../../db/schema";
import { contactRecipients } from "../../app/domain/contact/contact.server";
import { databaseKinds } from "../support/databases";
import { HttpClient } from "../support/http";
import { startTestServer, type TestServer } from "../support/server";
import { pageText, readOutbox, tempOutbox, waitForMail } from "./site-support";
import { copy } from "../support/copy";

describe.each(databaseKinds)("contact form over HTTP on %s", (kind) => {
  let server: TestServer;
  let outbox: string;
  let visitor: HttpClient;
  const ip = kind === "pglite" ? "203.0.113.20" : "203.0.113.21";

  beforeAll(async () => {
    outbox = await tempOutbox(`contact-${kind}`);
    server = await startTestServer(kind, { config: { mail: { outboxDir: outbox }, contact: { minFillSeconds: 1 } } });
    visitor = new HttpClient(server.url);
  });
  afterAll(async () => {
    await server?.close();
    await fs.rm(outbox, { recursive: true, force: true });
  });

  async function freshForm(): Promise<string> {
    const html = await (await visitor.get("/kontakt")).text();
    const started = html.match(/name="started" value="([^"]+)"/)?.[1];
    if (!started) throw new Error("no started token in the form");
    return started;
  }

  const message = {
    name: "Sara Svensson",
    email: "sara@example.org",
    subject: "Fråga om labbet",
    message: "Hur kan vår förening delta i ett projekt?",
  };
  const post = (form: Record<string, string>, forIp = ip) =>
    visitor.post("/kontakt", form, { headers: { "X-Forwarded-For": forIp } });
  const stored = () => server.database.db.select().from(contactMessages);

  it("stores a message and mails it to the staff", async () => {
    const started = await freshForm();
    await new Promise((r) => setTimeout(r, 1100));
    const response = await post({ ...message, started, website: "" });
    expect(response.status).toBe(200);
    expect(pageText(await response.text())).toContain("Tack för ditt meddelande!");
    expect((await stored()).map((m) => m.subject)).toEqual(["Fråga om labbet"]);
    await waitForMail(outbox, (m) => m.to === "labbet@example.se");
    await waitForMail(outbox, (m) => m.to === "admin@example.se");
    const mails = await readOutbox(outbox);
    expect(mails.map((m) => m.to).sort()).toEqual(["admin@example.se", "labbet@example.se"]);
    expect(mails[0].subject).toBe("Kontaktformuläret: Fråga om labbet");
    expect(mails[0].text).toContain("Hur kan vår förening delta i ett projekt?");
    expect(mails[0].text).toContain("sara@example.org");

    const staff = new HttpClient(server.url);
    await staff.login("labbet@example.se");
    expect(pageText(await (await staff.get("/redaktion/meddelanden")).text())).toContain(
      "Hur kan vår förening delta i ett projekt?",
    );
    const resident = new HttpClient(server.url);
    await resident.login("invanare@example.se");
    expect((await resident.get("/redaktion/meddelanden")).status).toBe(403);
  });

  it("keeps nothing from a filled honeypot, refuses a form sent too fast or with a forged time, and keeps what was typed", async () => {
    const before = (await stored()).length;
    const started = await freshForm();
    const bot = await post({ ...message, started, website: "http://spam.example" });
    expect(bot.status).toBe(200);
    const fast = await post({ ...message, started });
    expect(fast.status).toBe(400);
    const html = await fast.text();
    expect(pageText(html)).toContain("Formuläret skickades för snabbt");
    expect(html).toContain("Hur kan vår förening delta i ett projekt?");
    const forged = await post({ ...message, started: `${Date.now() - 60_000}.forfalskad` });
    expect(forged.status).toBe(400);
    expect(pageText(await forged.text())).toContain("Formuläret har gått ut");
    const invalid = await post({ name: "", email: "nej", subject: "x", message: "kort", started });
    expect(invalid.status).toBe(400);
    expect(pageText(await invalid.text())).toContain(copy("validation.email"));
    expect((await stored()).length).toBe(before);
  });

  it("limits how many messages one address may send", async () => {
    const other = kind === "pglite" ? "203.0.113.30" : "203.0.113.31";
    const started = await freshForm();
    await new Promise((r) => setTimeout(r, 1100));
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await post({ ...message, subject: `Fråga ${i}`, started }, other)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await post({ ...message, started }, other);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(pageText(await limited.text())).toContain("Vänta");
  });

  it("mails the configured addresses (CONTACT_EMAIL) when there are any, else the staff", async () => {
    const db = server.database.db;
    const configured = await contactRecipients(db, {
      minFillSeconds: 1,
      recipients: ["kontakt@example.se", "styrelsen@example.se"],
    });
    expect(configured).toEqual(["kontakt@example.se", "styrelsen@example.se"]);
    expect((await contactRecipients(db, { minFillSeconds: 1, recipients: [] })).sort()).toEqual([
      "admin@example.se",
      "labbet@example.se",
    ]);
  });
});
