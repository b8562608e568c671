import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { sessions, passwordResetTokens, recoveryCodes } from "../../db/schema";
import { databaseKinds } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { Visitor, currentCode, goodPassword, mailsTo, newAccount, wrongCode } from "../support/security";
import { elements, textOf } from "../support/html";

async function signIn(server: TestServer, email: string, password = goodPassword) {
  const client = new Visitor(server.url);
  const response = await client.post("/logga-in", { email, password });
  return { client, response };
}

describe.each(databaseKinds)("sessions, two-factor sign-in and password reset over HTTP on %s", (kind) => {
  let server: TestServer;
  let outbox: string;

  beforeAll(async () => {
    outbox = await fs.mkdtemp(path.join(os.tmpdir(), `sf-sessions-mail-${kind}-`));
    server = await startTestServer(kind, { config: { mail: { outboxDir: outbox } } });
  });
  afterAll(async () => {
    await server?.close();
    await fs.rm(outbox, { recursive: true, force: true });
  });

  const db = () => server.database.db;
  const sessionCount = async (userId: string) => (await db().select().from(sessions).where(eq(sessions.userId, userId))).length;

  it("ends a session after the idle timeout and deletes it", async () => {
    const account = await newAccount(db(), "idle");
    const { client } = await signIn(server, account.email);
    expect((await client.get("/konto")).status).toBe(200);
    await db()
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 8 * 24 * 3600_000) })
      .where(eq(sessions.userId, account.id));
    const after = await client.get("/konto");
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/logga-in/);
    expect(await sessionCount(account.id)).toBe(0);
  });

  it("ends a session after its absolute lifetime even when it is in use", async () => {
    const account = await newAccount(db(), "absolute");
    const { client } = await signIn(server, account.email);
    await db()
      .update(sessions)
      .set({ createdAt: new Date(Date.now() - 31 * 24 * 3600_000) })
      .where(eq(sessions.userId, account.id));
    expect((await client.get("/konto")).status).toBe(302);
  });

  it("records activity: last_seen_at moves forward on use", async () => {
    const account = await newAccount(db(), "touch");
    const { client } = await signIn(server, account.email);
    const old = new Date(Date.now() - 3600_000);
    await db().update(sessions).set({ lastSeenAt: old }).where(eq(sessions.userId, account.id));
    expect((await client.get("/konto")).status).toBe(200);
    const [row] = await db().select().from(sessions).where(eq(sessions.userId, account.id));
    expect(row.lastSeenAt.getTime()).toBeGreaterThan(old.getTime() + 1000);
  });

  it("logs out everywhere: every session of the user ends, on every device", async () => {
    const account = await newAccount(db(), "everywhere");
    const phone = (await signIn(server, account.email)).client;
    const laptop = (await signIn(server, account.email)).client;
    expect(await sessionCount(account.id)).toBe(2);
    const response = await laptop.post("/logga-ut", { intent: "everywhere" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/logga-in?overallt=1");
    expect(await sessionCount(account.id)).toBe(0);
    expect((await phone.get("/konto")).status).toBe(302);
    expect((await laptop.get("/konto")).status).toBe(302);
  });

  it("turns on two-factor sign-in only with a valid code, then asks for the code at login", async () => {
    const account = await newAccount(db(), "totp");
    const { client } = await signIn(server, account.email);
    const page = await client.get("/konto/tvastegs");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("data:image/svg+xml;base64,");
    const code = await currentCode(db(), account.id);
    expect((await client.post("/konto/tvastegs", { intent: "enable", code: wrongCode(code) })).status).toBe(400);
    expect((await client.post("/konto/tvastegs", { intent: "enable", code })).status).toBe(200);

    const second = await signIn(server, account.email);
    expect(second.response.status).toBe(302);
    expect(second.response.headers.get("location")).toBe("/logga-in/kod?redirectTo=%2F");
    // The password alone signs no one in.
    expect((await second.client.get("/konto")).status).toBe(302);
    expect((await second.client.get("/logga-in/kod")).status).toBe(200);
    const wrong = await second.client.post("/logga-in/kod", { code: wrongCode(await currentCode(db(), account.id)) });
    expect(wrong.status).toBe(400);
    const rightCode = await currentCode(db(), account.id);
    const right = await second.client.post("/logga-in/kod", { code: rightCode, redirectTo: "/konto" });
    expect(right.status).toBe(302);
    expect(right.headers.get("location")).toBe("/konto");
    expect((await second.client.get("/konto")).status).toBe(200);

    // A code is accepted once: seen over a shoulder or caught by a fake page, it signs no one else in.
    const third = await signIn(server, account.email);
    const replayed = await third.client.post("/logga-in/kod", { code: rightCode });
    expect(replayed.status).toBe(400);
    expect(await replayed.text()).toContain("Den koden har redan använts.");
    expect((await third.client.get("/konto")).status).toBe(302);
  });

  it("lets only one of two sign-ins sent at once with the same code through", async () => {
    const account = await newAccount(db(), "totp-race");
    const { client } = await signIn(server, account.email);
    await client.get("/konto/tvastegs");
    expect((await client.post("/konto/tvastegs", { intent: "enable", code: await currentCode(db(), account.id) })).status).toBe(
      200,
    );
    const [a, b] = await Promise.all([signIn(server, account.email), signIn(server, account.email)]);
    const code = await currentCode(db(), account.id);
    const statuses = await Promise.all([a, b].map(async ({ client: c }) => (await c.post("/logga-in/kod", { code })).status));
    expect(statuses.sort()).toEqual([302, 400]);
  });

  it("gives recovery codes once when two-factor sign-in is switched on; each signs in once, new ones replace them", async () => {
    const codesIn = (html: string) =>
      elements(html, "code")
        .map((code) => textOf(code).trim())
        .filter((text) => /^[a-z2-9]{5}-[a-z2-9]{5}$/.test(text));
    const account = await newAccount(db(), "recovery");
    const { client } = await signIn(server, account.email);
    await client.get("/konto/tvastegs");
    const enabled = await client.post("/konto/tvastegs", { intent: "enable", code: await currentCode(db(), account.id) });
    expect(enabled.status).toBe(200);
    const codes = codesIn(await enabled.text());
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    // Only hashes are stored, and the page never shows the codes again.
    const stored = await db().select().from(recoveryCodes).where(eq(recoveryCodes.userId, account.id));
    expect(stored).toHaveLength(10);
    expect(stored.map((r) => r.codeHash)).not.toContain(codes[0].replace("-", ""));
    const page = await (await client.get("/konto/tvastegs")).text();
    expect(codesIn(page)).toEqual([]);
    expect(page).toContain("10 av 10 återställningskoder är oanvända");

    // A recovery code instead of the app's code, typed in capitals with a space: in, once.
    const lost = await signIn(server, account.email);
    const used = await lost.client.post("/logga-in/kod", {
      code: codes[0].toUpperCase().replace("-", " "),
      redirectTo: "/konto",
    });
    expect(used.status).toBe(302);
    expect(used.headers.get("location")).toBe("/konto/tvastegs?aterstallningskod=1");
    expect(await (await lost.client.get("/konto/tvastegs?aterstallningskod=1")).text()).toContain("Du har 9 koder kvar.");
    const again = await signIn(server, account.email);
    const reused = await again.client.post("/logga-in/kod", { code: codes[0] });
    expect(reused.status).toBe(400);
    expect(await reused.text()).toContain("Koden stämmer inte.");

    // Two sign-ins at once with the same recovery code: one gets in.
    const [a, b] = await Promise.all([signIn(server, account.email), signIn(server, account.email)]);
    const statuses = await Promise.all(
      [a, b].map(async ({ client: c }) => (await c.post("/logga-in/kod", { code: codes[1] })).status),
    );
    expect(statuses.sort()).toEqual([302, 400]);

    // New codes need a valid code, and the old ones stop working.
    expect((await client.post("/konto/tvastegs", { intent: "recovery", code: codes[1] })).status).toBe(400);
    const renewed = await client.post("/konto/tvastegs", { intent: "recovery", code: await currentCode(db(), account.id) });
    expect(renewed.status).toBe(200);
    const fresh = codesIn(await renewed.text());
    expect(fresh).toHaveLength(10);
    expect(fresh.filter((c) => codes.includes(c))).toEqual([]);
    expect((await (await signIn(server, account.email)).client.post("/logga-in/kod", { code: codes[2] })).status).toBe(400);

    // Switching two-factor sign-in off (here with a recovery code, the phone being lost) removes them.
    const off = await client.post("/konto/tvastegs", { intent: "disable", code: fresh[0] });
    expect(off.status).toBe(200);
    expect(await db().select().from(recoveryCodes).where(eq(recoveryCodes.userId, account.id))).toHaveLength(0);
    const plain = await signIn(server, account.email);
    expect(plain.response.headers.get("location")).toBe("/");
  });

  it("ends the half-signed-in session after five wrong codes", async () => {
    const account = await newAccount(db(), "guess");
    const { client } = await signIn(server, account.email);
    await client.get("/konto/tvastegs");
    await client.post("/konto/tvastegs", { intent: "enable", code: await currentCode(db(), account.id) });
    const attempt = (await signIn(server, account.email)).client;
    const bad = wrongCode(await currentCode(db(), account.id));
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt.post("/logga-in/kod", { code: bad })).status);
    expect(statuses).toEqual([400, 400, 400, 400, 302]);
    const after = await attempt.post("/logga-in/kod", { code: await currentCode(db(), account.id) });
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toBe("/logga-in");
  });

  it("answers a reset request the same way for known and unknown addresses, and mails only the known", async () => {
    const account = await newAccount(db(), "reset-same");
    const unknown = `ingen-${Date.now()}@example.se`;
    const known = await new Visitor(server.url).post("/glomt-losenord", { email: account.email });
    const other = await new Visitor(server.url).post("/glomt-losenord", { email: unknown });
    expect(known.status).toBe(200);
    expect(other.status).toBe(200);
    const strip = (html: string) => html.replace(/nonce="[^"]*"/g, "").replace(/"[A-Za-z0-9_-]{10,}"/g, "");
    expect(strip(await known.text())).toBe(strip(await other.text()));
    expect(await mailsTo(outbox, account.email)).toHaveLength(1);
    expect(await mailsTo(outbox, unknown, 1, 300)).toHaveLength(0);
  });

  it("resets the password by a one-time link, ending every session", async () => {
    const account = await newAccount(db(), "reset");
    const { client: oldDevice } = await signIn(server, account.email);
    await new Visitor(server.url).post("/glomt-losenord", { email: account.email });
    const [mail] = await mailsTo(outbox, account.email);
    const link = /https?:\/\/\S+\/aterstall-losenord\/([A-Za-z0-9_-]+)/.exec(mail.text);
    expect(link).not.toBeNull();
    const token = link![1];
    // Only the hash is stored.
    const stored = await db().select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, account.id));
    expect(stored.map((s) => s.tokenHash)).not.toContain(token);

    const visitor = new Visitor(server.url);
    expect((await visitor.get(`/aterstall-losenord/${token}`)).status).toBe(200);
    expect((await visitor.post(`/aterstall-losenord/${token}`, { newPassword: "kort" })).status).toBe(400);
    const done = await visitor.post(`/aterstall-losenord/${token}`, { newPassword: "ny-lång-fras-om-vårvinden" });
    expect(done.status).toBe(302);
    expect(await sessionCount(account.id)).toBe(0);
    expect((await oldDevice.get("/konto")).status).toBe(302);
    // Single use.
    expect((await visitor.get(`/aterstall-losenord/${token}`)).status).toBe(410);
    expect((await visitor.post(`/aterstall-losenord/${token}`, { newPassword: "en-annan-fras-om-hösten" })).status).toBe(410);
    expect((await signIn(server, account.email)).response.status).toBe(400);
    expect((await signIn(server, account.email, "ny-lång-fras-om-vårvinden")).response.status).toBe(302);
  });

  it("refuses an expired or made-up reset link", async () => {
    const account = await newAccount(db(), "expired");
    await new Visitor(server.url).post("/glomt-losenord", { email: account.email });
    const [mail] = await mailsTo(outbox, account.email);
    const token = /aterstall-losenord\/([A-Za-z0-9_-]+)/.exec(mail.text)![1];
    await db()
      .update(passwordResetTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(passwordResetTokens.userId, account.id));
    const visitor = new Visitor(server.url);
    expect((await visitor.get(`/aterstall-losenord/${token}`)).status).toBe(410);
    expect((await visitor.get("/aterstall-losenord/inte-en-riktig-token-alls-nej")).status).toBe(410);
    expect((await visitor.get("/aterstall-losenord/%3Cscript%3E")).status).toBe(410);
  });

  it("limits reset requests per address without changing the answer", async () => {
    const account = await newAccount(db(), "limit");
    for (let i = 0; i < 5; i++)
      expect((await new Visitor(server.url).post("/glomt-losenord", { email: account.email })).status).toBe(200);
    expect(await mailsTo(outbox, account.email, 3)).toHaveLength(3);
    await new Promise((r) => setTimeout(r, 200));
    expect(await mailsTo(outbox, account.email, 4, 100)).toHaveLength(3);
  });
});

describe.each(databaseKinds)("a session policy given in the configuration on %s", (kind) => {
  let server: TestServer;
  const hour = 3600_000;

  beforeAll(async () => {
    // As SESSION_IDLE_HOURS=1 and SESSION_MAX_DAYS=2 would.
    server = await startTestServer(kind, { config: { session: { idleHours: 1, maxDays: 2 } } });
  });
  afterAll(() => server?.close());

  const db = () => server.database.db;
  const age = (userId: string, values: { lastSeenAt?: Date; createdAt?: Date }) =>
    db().update(sessions).set(values).where(eq(sessions.userId, userId));

  it("ends sessions by its limits, not the defaults", async () => {
    const idle = await newAccount(db(), `policy-idle-${kind}`);
    const { client: idleClient } = await signIn(server, idle.email);
    await age(idle.id, { lastSeenAt: new Date(Date.now() - 0.5 * hour) });
    expect((await idleClient.get("/konto")).status).toBe(200);
    await age(idle.id, { lastSeenAt: new Date(Date.now() - 2 * hour) });
    expect((await idleClient.get("/konto")).status).toBe(302);

    const old = await newAccount(db(), `policy-old-${kind}`);
    const { client: oldClient } = await signIn(server, old.email);
    await age(old.id, { createdAt: new Date(Date.now() - 49 * hour) });
    expect((await oldClient.get("/konto")).status).toBe(302);
  });
});
