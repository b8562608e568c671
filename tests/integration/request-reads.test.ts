/**
 * The loaders of one page share the reads every page needs (the session, the live cursor) instead
 * of each making its own; what an action changed is still what the page after it shows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { AppLoadContext } from "@remix-run/node";
import { sessions } from "../../db/schema";
import { getUser, startSession } from "../../app/auth/session.server";
import { getLiveCursor } from "../../app/domain/live/outbox.server";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../support/databases";
import { startTestServer, testConfig, type TestServer } from "../support/server";
import { Visitor, goodPassword, newAccount } from "../support/security";
import { publishEvents } from "./live-support";

describe.each(databaseKinds)("reads shared by the loaders of one request on %s", (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database?.close());

  /** One HTTP request's load context, as getLoadContext makes it. */
  const contextFor = () =>
    ({
      database,
      secureCookies: false,
      staffTwoFactor: "optional",
      clientIp: "127.0.0.1",
      cspNonce: "n",
      config: { session: testConfig().session, contact: testConfig().contact },
    }) as unknown as AppLoadContext;

  async function signedInCookie(context: AppLoadContext) {
    const account = await newAccount(database.db, "delad");
    const setCookie = await startSession(context, account.id);
    return { account, cookie: setCookie.split(";")[0] };
  }

  const get = (cookie: string) => new Request("http://127.0.0.1/ideer/1", { headers: { Cookie: cookie } });

  it("reads the session once for all GET loaders of a request, and again for the next request", async () => {
    const first = contextFor();
    const { account, cookie } = await signedInCookie(first);
    // Each loader gets its own copy of the request; they share the request's context.
    expect((await getUser(get(cookie), first))?.id).toBe(account.id);
    await database.db.delete(sessions).where(eq(sessions.userId, account.id));
    expect((await getUser(get(cookie), first))?.id).toBe(account.id);
    // The next request has its own context and sees that the session is gone.
    expect(await getUser(get(cookie), contextFor())).toBeNull();
  });

  it("does not share a session read between different cookies or with an action's request", async () => {
    const context = contextFor();
    const one = await signedInCookie(context);
    const two = await signedInCookie(context);
    expect((await getUser(get(one.cookie), context))?.id).toBe(one.account.id);
    expect((await getUser(get(two.cookie), context))?.id).toBe(two.account.id);
    expect(await getUser(get(""), context)).toBeNull();

    const action = contextFor();
    const post = () => new Request("http://127.0.0.1/konto", { method: "POST", headers: { Cookie: one.cookie } });
    expect((await getUser(post(), action))?.id).toBe(one.account.id);
    await database.db.delete(sessions).where(eq(sessions.userId, one.account.id));
    expect(await getUser(post(), action)).toBeNull();
    expect(await getUser(get(one.cookie), action)).toBeNull();
  });

  it("reads a room's live cursor once per request when the loaders pass their context", async () => {
    const server = { live: { publish() {} } } as unknown as TestServer;
    const context = contextFor();
    const before = await getLiveCursor(database.db, "idea:1", context);
    const [event] = await publishEvents(server, database, "idea:1", 1);
    expect(event.id).toBe(before + 1);
    expect(await getLiveCursor(database.db, "idea:1", context)).toBe(before);
    expect(await getLiveCursor(database.db, "idea:1", contextFor())).toBe(event.id);
    expect(await getLiveCursor(database.db, "idea:1")).toBe(event.id);
    // Another room's cursor is its own count, read on its own.
    expect(await getLiveCursor(database.db, "idea:2", context)).toBe(await getLiveCursor(database.db, "idea:2"));
  });
});

describe.each(databaseKinds)("a page after an action on %s", (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server?.close());

  it("shows the name the action just saved, in the header and on the page, without JavaScript", async () => {
    const account = await newAccount(server.database.db, "namnbyte");
    const client = new Visitor(server.url);
    expect((await client.post("/logga-in", { email: account.email, password: goodPassword })).status).toBe(302);
    const before = await (await client.get("/konto")).text();
    expect(before).toContain("Test namnbyte");

    const response = await client.post("/konto", { intent: "name", displayName: "Nytt Namn Här" });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).not.toContain("Test namnbyte");
    expect(html.match(/Nytt Namn Här/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
  });
});
