import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { ideas, users } from "../../db/schema";
import { databaseKinds } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { Visitor, goodPassword, newAccount } from "../support/security";
import { openRedirectPayloads } from "../support/open-redirect-payloads";

/**
 * Every known open-redirect payload, through every place where the site redirects to (or carries on)
 * a target that came from the request: sign-in with and without the code step, following, language,
 * notifications, logout, moderation decisions, and the forms that carry a target to the next request.
 * A failure lists each payload and where it led, instead of stopping at the first.
 */
// A few hundred requests, two hundred of them password checks: generous limits for a busy machine.
const slow = { timeout: 180_000 };

describe.each(databaseKinds)("open redirects over HTTP on %s", (kind) => {
  let server: TestServer;
  let site: string;
  let resident: Visitor;
  let moderator: Visitor;
  let residentEmail: string;
  let ideaId: number;
  let twoFactorAccounts: { email: string; secret: string }[];

  beforeAll(async () => {
    server = await startTestServer(kind);
    site = new URL(server.url).origin;
    const db = server.database.db;
    const account = await newAccount(db, "redirect");
    residentEmail = account.email;
    resident = new Visitor(server.url);
    await resident.login(residentEmail, goodPassword);
    moderator = new Visitor(server.url);
    await moderator.login("moderator@example.se");
    const [idea] = await db.select({ id: ideas.id }).from(ideas).limit(1);
    ideaId = idea.id;
    // One account with two-factor sign-in per payload: a code is accepted once per account and step.
    const [{ passwordHash }] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, account.id));
    twoFactorAccounts = openRedirectPayloads.map((_, i) => ({
      email: `redirect-2fa-${i}-${randomUUID().slice(0, 8)}@example.se`,
      secret: new Secret({ size: 20 }).base32,
    }));
    await db.insert(users).values(
      twoFactorAccounts.map((a) => ({
        id: randomUUID(),
        email: a.email,
        displayName: "Test tvåsteg",
        passwordHash,
        totpSecret: a.secret,
        totpEnabledAt: new Date(),
      })),
    );
  }, 180_000);
  afterAll(() => server?.close());

  /** Why a response would take a browser off the site (or failed), or null when it stays. */
  function problem(response: Response): string | null {
    if (response.status >= 500) return `status ${response.status}`;
    const location = response.headers.get("location");
    if (location === null) return null;
    return offSite(location);
  }

  function offSite(target: string): string | null {
    if (!/^[\x21-\x7e]*$/.test(target)) return `target ${JSON.stringify(target)} holds blanks, control or non-ASCII characters`;
    // WHATWG URL parsing, as Chromium does it: tabs and newlines are dropped, backslashes are slashes.
    const followed = new URL(target, `${site}/logga-in`);
    if (followed.origin !== site) return `target ${JSON.stringify(target)} leads to ${followed.origin}`;
    if (followed.pathname.startsWith("//")) return `target ${JSON.stringify(target)} has the path ${followed.pathname}`;
    return null;
  }

  /** The value of a hidden field the page carries on to the next request. */
  function hiddenValue(html: string, name: string): string | null {
    const match = html.match(new RegExp(`name="${name}" value="([^"]*)"`));
    if (!match) return null;
    return match[1]
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  }

  /** Runs `check` for every payload, a few at a time, and collects what went wrong. */
  async function everyPayload(
    check: (payload: string, index: number) => Promise<string | null>,
    inFlight = 6,
  ): Promise<string[]> {
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < openRedirectPayloads.length) {
        const index = next++;
        const payload = openRedirectPayloads[index];
        const failure = await check(payload, index).catch((error: unknown) => `threw ${String(error)}`);
        if (failure) failures.push(`${JSON.stringify(payload).slice(0, 60)}: ${failure}`);
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    return failures;
  }

  const query = (params: Record<string, string>) => new URLSearchParams(params).toString();

  it("sign-in sends no one off the site, and the sign-in form carries on only a site path", slow, async () => {
    const failures = await everyPayload(async (payload) => {
      const visitor = new Visitor(server.url);
      const page = await visitor.get(`/logga-in?${query({ redirectTo: payload })}`);
      if (page.status >= 500) return `sign-in page: status ${page.status}`;
      const carried = hiddenValue(await page.text(), "redirectTo");
      if (carried === null) return "sign-in page: no redirectTo field";
      const carriedProblem = offSite(carried);
      if (carriedProblem) return `sign-in page: ${carriedProblem}`;
      const response = await visitor.post("/logga-in", { email: residentEmail, password: goodPassword, redirectTo: payload });
      if (response.status !== 302) return `sign-in: status ${response.status}`;
      const signedIn = problem(response);
      return signedIn && `sign-in: ${signedIn}`;
    });
    expect(failures).toEqual([]);
  });

  it("the code step of two-factor sign-in sends no one off the site", slow, async () => {
    const failures = await everyPayload(async (payload, index) => {
      const account = twoFactorAccounts[index];
      const visitor = new Visitor(server.url);
      const password = await visitor.post("/logga-in", { email: account.email, password: goodPassword, redirectTo: payload });
      if (password.status !== 302) return `password step: status ${password.status}`;
      const toCode = problem(password);
      if (toCode) return `password step: ${toCode}`;
      const page = await visitor.get(`/logga-in/kod?${query({ redirectTo: payload })}`);
      if (page.status !== 200) return `code page: status ${page.status}`;
      const carried = hiddenValue(await page.text(), "redirectTo");
      if (carried === null) return "code page: no redirectTo field";
      const carriedProblem = offSite(carried);
      if (carriedProblem) return `code page: ${carriedProblem}`;
      const code = new TOTP({ secret: Secret.fromBase32(account.secret) }).generate();
      const response = await visitor.post("/logga-in/kod", { code, redirectTo: payload });
      if (response.status !== 302) return `code step: status ${response.status}`;
      const signedIn = problem(response);
      return signedIn && `code step: ${signedIn}`;
    });
    expect(failures).toEqual([]);
  });

  it("following, language, notifications and logout send no one off the site", slow, async () => {
    const failures = await everyPayload(async (payload) => {
      const answers: [string, Response][] = [
        ["follow", await resident.post("/folj", { targetType: "idea", targetId: String(ideaId), on: "1", redirectTo: payload })],
        ["language, signed in", await resident.post("/sprak", { locale: "sv", redirectTo: payload })],
        ["language, visitor", await new Visitor(server.url).post("/sprak", { locale: "en", redirectTo: payload })],
        ["notification", await resident.post("/notiser", { intent: "read", id: "0", link: payload })],
        ["logout", await new Visitor(server.url).post("/logga-ut", { redirectTo: payload })],
        ["visitor sent to sign in", await new Visitor(server.url).get(`/notiser?${query({ redirectTo: payload })}`)],
      ];
      const found = answers.map(([where, response]) => {
        const why = problem(response);
        return why && `${where}: ${why}`;
      });
      return found.filter(Boolean).join("; ") || null;
    });
    expect(failures).toEqual([]);
  });

  it("reporting and moderation decisions go back only to a site path", slow, async () => {
    let pinned = false;
    // Decisions one after another: pin and unpin take turns on the same idea.
    const failures = await everyPayload(async (payload) => {
      const report = await resident.get(`/rapportera?${query({ typ: "idea", id: String(ideaId), tillbaka: payload })}`);
      if (report.status !== 200) return `report page: status ${report.status}`;
      const reportBack = hiddenValue(await report.text(), "tillbaka");
      const reportProblem = reportBack === null ? "no tillbaka field" : offSite(reportBack);
      if (reportProblem) return `report page: ${reportProblem}`;
      const page = await moderator.get(`/moderator/atgard?${query({ typ: "idea", id: String(ideaId), tillbaka: payload })}`);
      if (page.status !== 200) return `decision page: status ${page.status}`;
      const pageBack = hiddenValue(await page.text(), "tillbaka");
      const pageProblem = pageBack === null ? "no tillbaka field" : offSite(pageBack);
      if (pageProblem) return `decision page: ${pageProblem}`;
      const decision = await moderator.post("/moderator/atgard", {
        typ: "idea",
        id: String(ideaId),
        beslut: pinned ? "unpin" : "pin",
        tillbaka: payload,
      });
      pinned = !pinned;
      if (decision.status !== 302) return `decision: status ${decision.status}`;
      const decided = problem(decision);
      return decided && `decision: ${decided}`;
    }, 1);
    expect(failures).toEqual([]);
  });
});
