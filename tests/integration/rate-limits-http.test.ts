import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { users } from "../../db/schema";
import { databaseKinds } from "../support/databases";
import { startServerPair, startTestServer, type ServerPair, type TestServer } from "../support/server";
import { HttpClient } from "../support/http";
import { goodPassword, mailsTo, newAccount, registerThroughMail } from "../support/security";
import { testOutbox } from "../support/outbox";

let nextAddress = 1;

/** A visitor from its own address (the server trusts X-Forwarded-For from loopback only, as behind a local proxy). */
class From extends HttpClient {
  constructor(
    baseUrl: string,
    readonly address = `10.7.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 1}`,
  ) {
    super(baseUrl);
  }

  override request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("X-Forwarded-For", this.address);
    return super.request(path, { ...init, headers });
  }
}

const signIn = (client: HttpClient, email: string, password: string) => client.post("/logga-in", { email, password });

/** The page without what differs between any two responses (the CSP nonce). */
function comparable(html: string): string {
  return html.replace(/nonce="[^"]*"/g, 'nonce=""').replace(/'nonce-[^']*'/g, "'nonce-'");
}

describe.each(databaseKinds)("sign-in and registration limits over HTTP on %s", (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    // On PostgreSQL the server gets the database's URL, as in production: counters live in rate_limits.
    server = await startTestServer(kind, { withDatabaseUrl: true });
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  const from = (address?: string) => new From(server.url, address);

  it("an attacker guessing from one address cannot lock the owner out from another", async () => {
    const owner = await newAccount(server.database.db, "agare");
    const attacker = from();
    for (let i = 0; i < 8; i++) expect((await signIn(attacker, owner.email, `gissning-${i}-fel`)).status).toBe(400);
    // The attacker's address now waits for this account, even with the right password …
    const refused = await signIn(attacker, owner.email, goodPassword);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.text()).toMatch(/För många försök\. Vänta \d+ minuter och försök igen\./);
    // … but the owner, from their own address, signs in at once.
    const home = from();
    const signedIn = await signIn(home, owner.email, goodPassword);
    expect(signedIn.status).toBe(302);
    expect((await home.get("/konto")).status).toBe(200);
  });

  it("guessing from many addresses only slows the account down; the owner still gets in", async () => {
    const owner = await newAccount(server.database.db, "spridd");
    // 12 failures from 3 addresses: 2 beyond the 10 free ones, so each attempt waits about a second.
    for (const attacker of [from(), from(), from()]) {
      for (let i = 0; i < 4; i++) expect((await signIn(attacker, owner.email, `spridd-gissning-${i}`)).status).toBe(400);
    }
    const started = Date.now();
    const signedIn = await signIn(from(), owner.email, goodPassword);
    expect(signedIn.status).toBe(302);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("successful sign-ins do not count: 40 sign-ins from one office address all pass", { timeout: 120_000 }, async () => {
    const office = "10.7.250.1";
    const people = [];
    for (let i = 0; i < 5; i++) people.push(await newAccount(server.database.db, `kontor${i}`));
    for (let i = 0; i < 40; i++) {
      const person = people[i % people.length];
      expect((await signIn(from(office), person.email, goodPassword)).status, `sign-in ${i + 1}`).toBe(302);
    }
    // The office's failures are still counted: 30 wrong passwords (over accounts), then the address waits.
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++)
      statuses.push((await signIn(from(office), `kontor-okand-${i}@example.se`, `fel-kontor-${i}`)).status);
    expect(statuses.slice(0, 30).every((s) => s === 400)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it("registration answers alike for a known and an unknown address; the owner gets a mail instead", async () => {
    const known = await newAccount(server.database.db, "kand");
    const unknown = `okand-${Date.now().toString(36)}@example.se`;
    const form = (email: string) => ({ email, displayName: "Samma Namn", password: "en-helt-ny-fras-om-kanoter" });
    const a = from();
    const b = from();
    const forKnown = await a.post("/registrera", form(known.email));
    const forUnknown = await b.post("/registrera", form(unknown));
    expect(forKnown.status).toBe(200);
    expect(forUnknown.status).toBe(200);
    const knownHtml = comparable(await forKnown.text());
    const unknownHtml = comparable(await forUnknown.text());
    expect(knownHtml.replaceAll(known.email, "ADDRESS")).toBe(unknownHtml.replaceAll(unknown, "ADDRESS"));
    expect(knownHtml).toContain(`Vi har skickat ett mejl till ${known.email}.`);
    expect(forKnown.headers.getSetCookie()).toEqual([]);
    expect(forUnknown.headers.getSetCookie()).toEqual([]);

    // The owner of the known address is told, with the ways in; nothing about the account changed.
    const [toOwner] = await mailsTo(testOutbox, known.email);
    expect(toOwner.subject).toBe("Någon försökte skapa ett konto med din e-postadress");
    expect(toOwner.text).toContain("Du har redan ett konto, så inget nytt har skapats.");
    expect(toOwner.text).toContain(`${server.url}/glomt-losenord`);
    expect(await server.database.db.select().from(users).where(eq(users.email, known.email))).toHaveLength(1);
    expect((await signIn(from(), known.email, "en-helt-ny-fras-om-kanoter")).status).toBe(400);

    // The new address gets the link; until it is used there is no account.
    const [toNew] = await mailsTo(testOutbox, unknown);
    expect(toNew.subject).toBe("Bekräfta ditt konto på Samhällsforum");
    expect(await server.database.db.select().from(users).where(eq(users.email, unknown))).toHaveLength(0);
  });

  it("a registration link creates the account once and signs the new resident in", async () => {
    const email = `lankad-${Date.now().toString(36)}@example.se`;
    const client = from();
    const done = await registerThroughMail(client, { email, displayName: "Lina Länk", password: "tre-fåglar-över-mälaren" });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/konto?ny=1");
    expect(await (await client.get("/konto?ny=1")).text()).toContain("Välkommen till Samhällsforum, Lina Länk!");
    await from().login(email, "tre-fåglar-över-mälaren");
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("rate limits shared by two servers on one PostgreSQL", () => {
  let pair: ServerPair;

  beforeAll(async () => {
    pair = await startServerPair(process.env.TEST_DATABASE_URL!);
  }, 180_000);
  afterAll(async () => {
    await pair?.close();
  });

  it("failures counted on one server count on the other, and no address or email is stored in the clear", async () => {
    const owner = await newAccount(pair.database.db, "delad");
    const address = "10.7.251.9";
    // Four wrong passwords through each server, from one address: eight in all.
    for (let i = 0; i < 4; i++) {
      expect((await signIn(new From(pair.a.url, address), owner.email, `delad-a-${i}`)).status).toBe(400);
      expect((await signIn(new From(pair.b.url, address), owner.email, `delad-b-${i}`)).status).toBe(400);
    }
    expect((await signIn(new From(pair.a.url, address), owner.email, goodPassword)).status).toBe(429);
    expect((await signIn(new From(pair.b.url, address), owner.email, goodPassword)).status).toBe(429);
    // The owner elsewhere is not affected, on either server.
    expect((await signIn(new From(pair.b.url, "10.7.251.10"), owner.email, goodPassword)).status).toBe(302);

    const rows = await pair.database.rows<{ key: string }>(sql`select key from rate_limits`);
    expect(rows.length).toBeGreaterThan(0);
    for (const { key } of rows) {
      expect(key).not.toContain(owner.email);
      expect(key).not.toContain(address);
    }
  });
});
