import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "../../db/schema";
import { databaseKinds } from "../support/databases";
import { HttpClient } from "../support/http";
import { startTestServer, type TestServer } from "../support/server";
import { mailsTo, registerThroughMail } from "../support/security";
import { testOutbox } from "../support/outbox";
import { copy } from "../support/copy";

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
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  const visitor = () => new Visitor(server.url);

  /** Registers through the form and the link in the mail: 302 to /konto?ny=1 when it worked. */
  async function register(client: Visitor, email: string, displayName = "Testa Testsson", password = goodPassword) {
    return registerThroughMail(client, { email, displayName, password });
  }

  describe("registration", () => {
    it(
      "creates the account from the link in the mail, sets an HttpOnly SameSite=Lax session cookie and signs the user in",
      { timeout: 120_000 },
      async () => {
        const client = visitor();
        const email = uniqueEmail("ny");
        // The form itself signs no one in and creates nothing: it says to look in the mailbox.
        const answer = await client.post("/registrera", { email, displayName: "Nina Ny", password: goodPassword });
        expect(answer.status).toBe(200);
        expect(await answer.text()).toContain(`Nästan klart! Vi har skickat ett mejl till ${email}.`);
        expect(client.sessionId()).toBeUndefined();
        expect(await server.database.db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
        expect((await visitor().post("/logga-in", { email, password: goodPassword })).status).toBe(400);

        const [mail] = await mailsTo(testOutbox, email);
        const link = new URL(/https?:\/\/\S*\/registrera\/bekrafta\/\S+/.exec(mail.text)![0]);
        // Opening the link shows a button (a mail scanner following links creates nothing).
        const page = await client.get(link.pathname);
        expect(page.status).toBe(200);
        // The last policy in the header is the one that applies: helmet's default comes first.
        expect(page.headers.get("referrer-policy")?.split(",").pop()?.trim()).toBe("no-referrer");
        expect(await page.text()).toContain("Välkommen, Nina Ny! Tryck på knappen för att skapa ditt konto");
        expect(await server.database.db.select().from(users).where(eq(users.email, email))).toHaveLength(0);

        const response = await client.post(link.pathname, {});
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

        // The link works once.
        const again = await visitor().post(link.pathname, {});
        expect(again.status).toBe(410);
        expect(await again.text()).toContain("Länken fungerar inte längre");
      },
    );

    it("stores the email in lower case so the same address cannot register twice, without saying so on the page", async () => {
      const email = uniqueEmail("dubbel");
      expect((await register(visitor(), email)).status).toBe(302);
      const client = visitor();
      const response = await client.post("/registrera", {
        email: email.toUpperCase(),
        displayName: "Andra Personen",
        password: "annan-lång-fras-om-ekorrar",
      });
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain(`Vi har skickat ett mejl till ${email}.`);
      expect(html).not.toContain("Det finns redan ett konto");
      expect(client.sessionId()).toBeUndefined();
      const mails = await mailsTo(testOutbox, email, 2);
      expect(mails.map((m) => m.subject)).toContain(copy("auth.knownMailSubject"));
      const rows = await server.database.db.select().from(users).where(eq(users.email, email));
      expect(rows).toHaveLength(1);
      expect(rows[0].displayName).toBe("Testa Testsson");
    });

    const tooEasy =
      "Lösenordet är för lätt att gissa: det liknar vanliga lösenord, ord eller namn. Välj en längre fras av flera ord som inte hör ihop.";
    it.each([
      ["a too short password", "kort1", "Lösenordet måste ha minst 10 tecken."],
      ["a common password", "1234567890", tooEasy],
      ["a breached password", "password123", tooEasy],
      ["a Swedish word and a year", "Sommar2024!", tooEasy],
      ["a home town with digits", "Eskilstuna123", tooEasy],
      ["a football club", "Hammarby1897", tooEasy],
      ["the user's own name", "PetraPrövar2", tooEasy],
    ])("refuses %s with a message and keeps what was typed, except the password", async (_case, password, message) => {
      const client = visitor();
      const email = uniqueEmail("losen");
      const response = await client.post("/registrera", { email, displayName: "Petra Prövar", password });
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain(message);
      expect(html).toContain(`value="${email}"`);
      expect(html).toContain('value="Petra Prövar"');
      expect(html).not.toContain(`value="${password}"`);
      expect(client.sessionId()).toBeUndefined();
      expect(await server.database.db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
      expect(await mailsTo(testOutbox, email, 1, 300)).toEqual([]);
    });

    it("refuses an invalid email address with a message and keeps the typed values", async () => {
      const response = await visitor().post("/registrera", {
        email: "inte-en-adress",
        displayName: "Olle Ogiltig",
        password: goodPassword,
      });
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain(copy("validation.email"));
      expect(html).toContain('value="inte-en-adress"');
      expect(html).toContain('value="Olle Ogiltig"');
    });

    it("answers an empty form with 400 and messages, never a server error", async () => {
      const response = await visitor().post("/registrera", {});
      expect(response.status).toBe(400);
      expect(await response.text()).toContain(copy("validation.required"));
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
      const local = await visitor().post("/logga-in", {
        email: "invanare@example.se",
        password: "samhallsforum-demo",
        redirectTo: "/om",
      });
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
      expect(await page.text()).toContain(copy("auth.loggedOut"));
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
      expect(await change.text()).toContain(copy("account.passwordChanged"));

      expect((await here.get("/konto")).status).toBe(200);
      expect((await elsewhere.get("/konto")).status).toBe(302);
      expect((await visitor().post("/logga-in", { email, password: goodPassword })).status).toBe(400);
      await visitor().login(email, newPassword);
    });

    it(
      "refuses an easily guessed new password, at a password change and at a reset, with words",
      { timeout: 120_000 },
      async () => {
        const email = uniqueEmail("svagt");
        const client = visitor();
        await register(client, email);
        const change = await client.post("/konto", {
          intent: "password",
          currentPassword: goodPassword,
          newPassword: "Västerås2024!",
        });
        expect(change.status).toBe(400);
        const changeHtml = await change.text();
        expect(changeHtml).toContain("Lösenordet är för lätt att gissa");
        expect(changeHtml).not.toContain("Västerås2024!");

        const forgot = await visitor().post("/glomt-losenord", { email });
        expect(forgot.status).toBe(200);
        const [mail] = (await mailsTo(testOutbox, email, 2)).filter((m) => m.text.includes("/aterstall-losenord/"));
        const resetPath = new URL(/https?:\/\/\S*\/aterstall-losenord\/\S+/.exec(mail.text)![0]).pathname;
        const opened = await visitor().get(resetPath);
        expect(opened.status).toBe(200);
        expect(opened.headers.get("referrer-policy")?.split(",").pop()?.trim()).toBe("no-referrer");
        const weak = await visitor().post(resetPath, { newPassword: "hejsan123456" });
        expect(weak.status).toBe(400);
        expect(await weak.text()).toContain("Lösenordet är för lätt att gissa");
        // The link still works for a good password, and the old one worked until then.
        await visitor().login(email, goodPassword);
        const strong = await visitor().post(resetPath, { newPassword: "sju-sorters-kakor-i-skåp" });
        expect(strong.status).toBe(302);
        await visitor().login(email, "sju-sorters-kakor-i-skåp");
      },
    );

    it("refuses a password change with the wrong current password", async () => {
      const email = uniqueEmail("felbyte");
      const client = visitor();
      await register(client, email);
      const response = await client.post("/konto", {
        intent: "password",
        currentPassword: "inte-mitt-losenord",
        newPassword: "helt-ny-fras-123",
      });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain(copy("account.wrongPassword"));
      await visitor().login(email, goodPassword);
    });
  });

  describe("login rate limit", () => {
    it("makes one address wait for an account after repeated failures, for at most 15 minutes, without blocking the owner elsewhere", async () => {
      const email = uniqueEmail("gissad");
      await register(visitor(), email);
      const attacker = visitor();
      for (let i = 0; i < 8; i++) {
        const miss = await attacker.post("/logga-in", { email, password: `gissning-nummer-${i}` });
        expect(miss.status).toBe(400);
      }

      // Even the right password waits now, from the guessing address: the limit is per account and address.
      for (const client of [attacker]) {
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

      // The owner, from another address, signs in; and another account, from the very address that was guessing.
      await visitor().login(email, goodPassword);
      await attacker.login("invanare@example.se");
    });

    it("a successful login clears the account's failures", { timeout: 120_000 }, async () => {
      const email = uniqueEmail("glomsk");
      await register(visitor(), email);
      const client = visitor();
      for (let i = 0; i < 7; i++)
        expect((await client.post("/logga-in", { email, password: `fel-${i}-losenord` })).status).toBe(400);
      await client.login(email, goodPassword);
      const again = visitor();
      for (let i = 0; i < 7; i++)
        expect((await again.post("/logga-in", { email, password: `fel-${i}-igen-nu` })).status).toBe(400);
      await again.login(email, goodPassword);
    });

    it("limits attempts from one address across accounts", { timeout: 120_000 }, async () => {
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
