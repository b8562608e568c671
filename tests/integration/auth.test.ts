import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "../../db/schema";
import { databaseKinds } from "../support/databases";
import { HttpClient } from "../support/http";
import { startTestServer, type TestServer } from "../support/server";

let nextAddress = 1;

/**
 * A client with its own (forwarded) address, so that the per-address login and registration
 * limits of one test do not spill into another. The server trusts X-Forwarded-For from loopback.
 */
class Visitor extends HttpClient {
  readonly address = `10.1.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 1}`;

  override request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("X-Forwarded-For", this.address);
    return super.request(path, { ...init, headers });
  }

  sessionId(): string | undefined {
    return /(?:^|; )sf_session=([^;]+)/.exec(this.cookieHeader)?.[1];
  }
}

let emailCounter = 0;
function uniqueEmail(name: string): string {
  return `${name}-${Date.now().toString(36)}-${emailCounter++}@example.se`;
}

const goodPassword = "grön-cykel-under-bron-42";

function formError(html: string): string | undefined {
  return /<div class="form-error" role="alert"[^>]*>([^<]*)<\/div>/.exec(html)?.[1];
}

describe.each(databaseKinds)("accounts over HTTP on %s", (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => {
    await server?.close();
  });

  const visitor = () => new Visitor(server.url);

  async function register(client: Visitor, email: string, displayName = "Testa Testsson", password = goodPassword) {
    return client.post("/registrera", { email, displayName, password });
  }

  describe("registration", () => {
    it("creates the account, sets an HttpOnly SameSite=Lax session cookie and signs the user in", async () => {
      const client = visitor();
      const email = uniqueEmail("ny");
      const response = await register(client, email, "Nina Ny");
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe("/konto?ny=1");
      const cookie = response.headers.getSetCookie().find((c) => c.startsWith("sf_session="));
      expect(cookie).toBeDefined();
      expect(cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie).toMatch(/;\s*SameSite=Lax/i);
      expect(cookie).toMatch(/;\s*Path=\//i);

      const account = await client.get("/konto?ny=1");
      expect(account.status).toBe(200);
      const html = await account.text();
      expect(html).toContain("Välkommen till Samhällsforum, Nina Ny!");
      expect(html).toContain(email);

      const [row] = await server.database.db.select().from(users).where(eq(users.email, email));
      expect(row.role).toBe("resident");
      expect(row.passwordHash).not.toContain(goodPassword);
    });

    it("stores the email in lower case so the same address cannot register twice", async () => {
      const email = uniqueEmail("dubbel");
      expect((await register(visitor(), email)).status).toBe(302);
      const client = visitor();
      const response = await register(client, email.toUpperCase(), "Andra Personen");
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain("Det finns redan ett konto med den e-postadressen. Logga in i stället.");
      expect(html).toContain(`value="${email.toUpperCase()}"`);
      expect(html).toContain('value="Andra Personen"');
      expect(client.sessionId()).toBeUndefined();
    });

    it.each([
      ["a too short password", "kort1", "Lösenordet måste ha minst 10 tecken."],
      ["a common password", "1234567890", "Lösenordet är för vanligt. Välj ett som är svårare att gissa."],
    ])("refuses %s with a message and keeps what was typed, except the password", async (_case, password, message) => {
      const client = visitor();
      const email = uniqueEmail("losen");
      const response = await register(client, email, "Petra Prövar", password);
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain(message);
      expect(html).toContain(`value="${email}"`);
      expect(html).toContain('value="Petra Prövar"');
      expect(html).not.toContain(`value="${password}"`);
      expect(client.sessionId()).toBeUndefined();
      expect(await server.database.db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
    });

    it("refuses an invalid email address with a message and keeps the typed values", async () => {
      const response = await register(visitor(), "inte-en-adress", "Olle Ogiltig");
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain("Ange en giltig e-postadress.");
      expect(html).toContain('value="inte-en-adress"');
      expect(html).toContain('value="Olle Ogiltig"');
    });

    it("answers an empty form with 400 and messages, never a server error", async () => {
      const response = await visitor().post("/registrera", {});
      expect(response.status).toBe(400);
      expect(await response.text()).toContain("Fältet måste fyllas i.");
    });
  });

  describe("login and logout", () => {
    it("starts a new session with a new id at every login", async () => {
      const first = visitor();
      const second = visitor();
      await first.login("invanare@example.se");
      await second.login("invanare@example.se");
      expect(first.sessionId()).toBeDefined();
      expect(second.sessionId()).toBeDefined();
      expect(first.sessionId()).not.toBe(second.sessionId());

      // Logging in again from the same browser replaces its session id too (no session fixation).
      const before = first.sessionId();
      await first.login("invanare@example.se");
      expect(first.sessionId()).not.toBe(before);
      expect((await first.get("/konto")).status).toBe(200);
    });

    it("follows redirectTo on the same site only", async () => {
      const local = await visitor().post("/logga-in", { email: "invanare@example.se", password: "samhallsforum-demo", redirectTo: "/om" });
      expect(local.headers.get("location")).toBe("/om");
      const foreign = await visitor().post("/logga-in", {
        email: "invanare@example.se",
        password: "samhallsforum-demo",
        redirectTo: "//evil.example/",
      });
      expect(foreign.headers.get("location")).toBe("/");
    });

    it("gives the same message for a wrong password and an unknown email", async () => {
      const wrongPassword = await visitor().post("/logga-in", { email: "invanare2@example.se", password: "fel-losenord-helt" });
      const unknownEmail = await visitor().post("/logga-in", { email: uniqueEmail("okand"), password: "fel-losenord-helt" });
      expect(wrongPassword.status).toBe(400);
      expect(unknownEmail.status).toBe(400);
      const a = formError(await wrongPassword.text());
      const b = formError(await unknownEmail.text());
      expect(a).toBe("Fel e-postadress eller lösenord.");
      expect(b).toBe(a);
      expect(wrongPassword.headers.getSetCookie().some((c) => c.startsWith("sf_session="))).toBe(false);
    });

    it("ends the session at logout: the old cookie no longer works", async () => {
      const client = visitor();
      await client.login("invanare2@example.se");
      const oldCookie = client.cookieHeader;
      expect((await client.get("/konto")).status).toBe(200);

      const logout = await client.post("/logga-ut", {});
      expect(logout.status).toBe(302);
      expect(logout.headers.get("location")).toBe("/logga-in?utloggad=1");
      expect(client.sessionId()).toBeUndefined();

      const replay = await fetch(new URL("/konto", server.url), { headers: { Cookie: oldCookie }, redirect: "manual" });
      expect(replay.status).toBe(302);
      expect(replay.headers.get("location")).toBe("/logga-in?redirectTo=%2Fkonto");

      const page = await client.get("/logga-in?utloggad=1");
      expect(await page.text()).toContain("Du är utloggad.");
    });

    it("a password change ends the user's other sessions but keeps this one", async () => {
      const email = uniqueEmail("byter");
      const here = visitor();
      expect((await register(here, email)).status).toBe(302);
      const elsewhere = visitor();
      await elsewhere.login(email, goodPassword);
      expect((await elsewhere.get("/konto")).status).toBe(200);

      const newPassword = "ny-lång-fras-om-vårlök";
      const change = await here.post("/konto", { intent: "password", currentPassword: goodPassword, newPassword });
      expect(change.status).toBe(200);
      expect(await change.text()).toContain("Lösenordet är bytt. Du har loggats ut på alla andra enheter.");

      expect((await here.get("/konto")).status).toBe(200);
      expect((await elsewhere.get("/konto")).status).toBe(302);
      expect((await visitor().post("/logga-in", { email, password: goodPassword })).status).toBe(400);
      await visitor().login(email, newPassword);
    });

    it("refuses a password change with the wrong current password", async () => {
      const email = uniqueEmail("felbyte");
      const client = visitor();
      await register(client, email);
      const response = await client.post("/konto", { intent: "password", currentPassword: "inte-mitt-losenord", newPassword: "helt-ny-fras-123" });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain("Det nuvarande lösenordet stämmer inte.");
      await visitor().login(email, goodPassword);
    });
  });

  describe("login rate limit", () => {
    it("blocks an account after repeated failures, for at most 15 minutes, without blocking others", async () => {
      const email = uniqueEmail("gissad");
      await register(visitor(), email);
      const attacker = visitor();
      for (let i = 0; i < 8; i++) {
        const miss = await attacker.post("/logga-in", { email, password: `gissning-nummer-${i}` });
        expect(miss.status).toBe(400);
      }

      // Even the right password waits now, from any address: the limit is per account.
      for (const client of [attacker, visitor()]) {
        const blocked = await client.post("/logga-in", { email, password: goodPassword });
        expect(blocked.status).toBe(429);
        const retryAfter = Number(blocked.headers.get("retry-after"));
        expect(retryAfter).toBeGreaterThan(0);
        expect(retryAfter).toBeLessThanOrEqual(15 * 60);
        const html = await blocked.text();
        expect(formError(html)).toMatch(/^För många försök\. Vänta \d+ minuter och försök igen\.$/);
        expect(html).toContain(`value="${email}"`);
        expect(client.sessionId()).toBeUndefined();
      }

      // Another account, from the very address that was guessing, still signs in.
      await attacker.login("invanare@example.se");
    });

    it("a successful login clears the account's failures", async () => {
      const email = uniqueEmail("glomsk");
      await register(visitor(), email);
      const client = visitor();
      for (let i = 0; i < 7; i++) expect((await client.post("/logga-in", { email, password: `fel-${i}-losenord` })).status).toBe(400);
      await client.login(email, goodPassword);
      const again = visitor();
      for (let i = 0; i < 7; i++) expect((await again.post("/logga-in", { email, password: `fel-${i}-igen-nu` })).status).toBe(400);
      await again.login(email, goodPassword);
    });

    it("limits attempts from one address across accounts", async () => {
      const client = visitor();
      const statuses: number[] = [];
      for (let i = 0; i < 31; i++) {
        statuses.push((await client.post("/logga-in", { email: uniqueEmail("sprej"), password: "prova-detta-1" })).status);
      }
      expect(statuses.slice(0, 30).every((s) => s === 400)).toBe(true);
      expect(statuses[30]).toBe(429);
      // Other addresses are unaffected.
      await visitor().login("invanare@example.se");
    });
  });
});
