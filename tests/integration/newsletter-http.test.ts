import fs from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { mailOutbox, newsletterSignups, newsletterSubscribers } from "../../db/schema";
import { databaseKinds } from "../support/databases";
import { HttpClient } from "../support/http";
import { startTestServer, type TestServer } from "../support/server";
import { linkIn, pageText, readOutbox, tempOutbox, waitForMail } from "./site-support";
import { copy } from "../support/copy";

describe.each(databaseKinds)("newsletter double opt-in over HTTP on %s", (kind) => {
  let server: TestServer;
  let outbox: string;
  let visitor: HttpClient;
  // Each database gets its own client address so the per-IP limit of one run does not reach the other.
  const ip = kind === "pglite" ? "198.51.100.10" : "198.51.100.11";
  const headers = { "X-Forwarded-For": ip };

  beforeAll(async () => {
    outbox = await tempOutbox(`newsletter-${kind}`);
    server = await startTestServer(kind, { config: { mail: { outboxDir: outbox } } });
    visitor = new HttpClient(server.url);
  });
  afterAll(async () => {
    await server?.close();
    await fs.rm(outbox, { recursive: true, force: true });
  });

  const subscribers = () => server.database.db.select().from(newsletterSubscribers);

  it("stores no confirmed address until the link is used, then confirms and lets the subscriber leave with one click", async () => {
    const response = await visitor.post("/nyhetsbrev", { email: "  Ny.Lasare@Example.se " }, { headers });
    expect(response.status).toBe(200);
    expect(pageText(await response.text())).toContain("har vi skickat ett mejl med en bekräftelselänk");
    expect(await subscribers()).toEqual([]);
    const pending = await server.database.db.select().from(newsletterSignups);
    expect(pending.map((p) => p.email)).toEqual(["ny.lasare@example.se"]);

    const mail = await waitForMail(outbox, (m) => m.to === "ny.lasare@example.se");
    expect(mail.to).toBe("ny.lasare@example.se");
    expect(mail.subject).toContain("Bekräfta");
    const confirmUrl = new URL(linkIn(mail, "/nyhetsbrev/bekrafta"));
    // The token is only in the mail, not in the database.
    expect(JSON.stringify(pending)).not.toContain(confirmUrl.searchParams.get("token"));

    // Opening the link (as a mail scanner would) confirms nothing.
    const opened = await visitor.get(confirmUrl.pathname + confirmUrl.search);
    expect(opened.status).toBe(200);
    expect(pageText(await opened.text())).toContain(copy("newsletter.confirmButton"));
    expect(await subscribers()).toEqual([]);

    const confirmed = await visitor.post("/nyhetsbrev/bekrafta", { token: confirmUrl.searchParams.get("token")! });
    expect(confirmed.status).toBe(302);
    const done = await visitor.get(confirmed.headers.get("location")!);
    expect(pageText(await done.text())).toContain("Du prenumererar nu på nyhetsbrevet");
    expect((await subscribers()).map((s) => s.email)).toEqual(["ny.lasare@example.se"]);
    expect(await server.database.db.select().from(newsletterSignups)).toEqual([]);

    // The link works once.
    expect((await visitor.post("/nyhetsbrev/bekrafta", { token: confirmUrl.searchParams.get("token")! })).status).toBe(400);

    const welcome = await waitForMail(outbox, (m) => m.subject.includes("Välkommen"));
    const unsubscribeUrl = new URL(linkIn(welcome, "/nyhetsbrev/avregistrera"));
    const gone = await visitor.get(unsubscribeUrl.pathname + unsubscribeUrl.search);
    expect(gone.status).toBe(200);
    expect(pageText(await gone.text())).toContain("Du är borttagen från nyhetsbrevet");
    expect(await subscribers()).toEqual([]);
    expect((await visitor.get(unsubscribeUrl.pathname + unsubscribeUrl.search)).status).toBe(404);
  });

  it("refuses bad addresses and unknown or forged tokens with words, never a 500", async () => {
    const bad = await visitor.post("/nyhetsbrev", { email: "inte-en-adress" }, { headers });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(pageText(html)).toContain(copy("validation.email"));
    expect(html).toContain('value="inte-en-adress"');
    expect((await visitor.get("/nyhetsbrev/bekrafta?token=hittepa")).status).toBe(404);
    expect((await visitor.get("/nyhetsbrev/bekrafta")).status).toBe(404);
    expect((await visitor.post("/nyhetsbrev/bekrafta", {})).status).toBe(400);
    expect((await visitor.get(`/nyhetsbrev/avregistrera?token=${"x".repeat(500)}`)).status).toBe(404);
  });

  it("answers an address already on the list the same way and sends it nothing", async () => {
    await server.database.db.insert(newsletterSubscribers).values({ email: "redan@example.se", unsubscribeToken: `t-${kind}` });
    const before = (await readOutbox(outbox)).length;
    const response = await visitor.post("/nyhetsbrev", { email: "redan@example.se" }, { headers });
    expect(response.status).toBe(200);
    expect(pageText(await response.text())).toContain("har vi skickat ett mejl med en bekräftelselänk");
    // Nothing was queued for it (a mail would be queued with the answer, in the same transaction).
    expect(await server.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, "redan@example.se"))).toEqual([]);
    expect((await readOutbox(outbox)).length).toBe(before);
  });

  it("gives staff the confirmed subscribers as CSV and nobody else", async () => {
    const staff = new HttpClient(server.url);
    await staff.login("labbet@example.se");
    const csv = await staff.get("/redaktion/prenumeranter.csv");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toBe("email,confirmed_at");
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["redan@example.se"]);

    const resident = new HttpClient(server.url);
    await resident.login("invanare@example.se");
    expect((await resident.get("/redaktion/prenumeranter.csv")).status).toBe(403);
    expect((await visitor.get("/redaktion/prenumeranter.csv")).status).toBe(302);
  });
});
