import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Socket } from "socket.io-client";
import { databaseKinds, type DatabaseKind, type TestDatabase } from "../support/databases";
import { startServerPair, startTestServer } from "../support/server";
import { HttpClient } from "../support/http";
import { users } from "../../db/schema";
import { newId } from "../../db/ids";
import type { RunningServer } from "../../server/start";
import type { LiveEvent } from "../../app/realtime/events";
import { LiveConnection } from "../../app/realtime/client";
import { getLiveCursor } from "../../app/domain/live/outbox.server";
import { connectClient, connected, publishEvents, subscribe, waitFor } from "./live-support";

/**
 * Power changes reach open sockets. On PostgreSQL two servers share the database as two processes
 * would (joined by the socket.io adapter): the admin acts through A, the sockets sit on B.
 * On PGlite, one server plays both parts.
 */
interface Topology {
  database: TestDatabase;
  a: RunningServer;
  b: RunningServer;
  close(): Promise<void>;
}

async function startTopology(kind: DatabaseKind): Promise<Topology> {
  if (kind === "postgres") return startServerPair(process.env.TEST_DATABASE_URL!);
  const server = await startTestServer(kind);
  return { database: server.database, a: server, b: server, close: () => server.close() };
}

/** Every `live` event and every `revoked` notice a socket receives. */
function record(socket: Socket) {
  const events: LiveEvent[] = [];
  const revoked: string[] = [];
  socket.on("live", (event: LiveEvent) => events.push(event));
  socket.on("revoked", (message: { room: string }) => revoked.push(message.room));
  return { events, revoked };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(databaseKinds)("power changes on open sockets (%s)", (kind) => {
  let topology: Topology;
  let admin: HttpClient;
  let passwordHash: string;
  const sockets: Socket[] = [];

  /** A new staff account, signed in (through A). */
  async function staffMember(role: "moderator" | "lab_staff", name: string) {
    const id = newId();
    const email = `personal-${id.toLowerCase()}@example.se`;
    await topology.database.db.insert(users).values({ id, email, displayName: name, passwordHash, role });
    const client = new HttpClient(topology.a.url);
    await client.login(email);
    return { id, client };
  }

  /** A socket on B, as the given client's page would open it. */
  async function socketOnB(client?: HttpClient) {
    const socket = connectClient(topology.b.url, { cookie: client?.cookieHeader });
    sockets.push(socket);
    await connected(socket);
    return socket;
  }

  beforeAll(async () => {
    topology = await startTopology(kind);
    const [row] = await topology.database.db
      .select({ passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.email, "moderator@example.se"));
    passwordHash = row.passwordHash!;
    admin = new HttpClient(topology.a.url);
    await admin.login("admin@example.se");
  }, 120_000);
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await topology?.close();
  });

  it("takes a demoted moderator out of the moderators' room at once, and keeps the rest of the connection", async () => {
    const demoted = await staffMember("moderator", "Nedgraderad");
    const colleague = await staffMember("moderator", "Kollega");
    const socket = await socketOnB(demoted.client);
    const control = await socketOnB(colleague.client);
    expect(await subscribe(socket, "moderation")).toMatchObject({ ok: true });
    expect(await subscribe(socket, "idea:1")).toMatchObject({ ok: true });
    expect(await subscribe(control, "moderation")).toMatchObject({ ok: true });
    const seen = record(socket);
    const controlSeen = record(control);

    const changed = await admin.post("/admin/anvandare", { userId: demoted.id, role: "resident" });
    expect(changed.status).toBe(200);
    await waitFor(() => seen.revoked.includes("moderation"), 5_000, "the revoked notice on B");

    const [review] = await publishEvents(topology.a, topology.database, "moderation", 1, "review.created");
    await waitFor(() => controlSeen.events.some((e) => e.id === review.id), 5_000, "the review on the colleague's socket");
    await pause(300);
    expect(seen.events.filter((e) => e.room === "moderation")).toEqual([]);

    // The same connection still hears its public rooms, and asking for the moderators' room again is refused.
    expect(socket.connected).toBe(true);
    const [idea] = await publishEvents(topology.a, topology.database, "idea:1", 1);
    await waitFor(() => seen.events.some((e) => e.id === idea.id), 5_000, "the idea event on B");
    expect(await subscribe(socket, "moderation")).toEqual({ ok: false, error: "forbidden" });
    expect(seen.revoked).not.toContain("idea:1");
  });

  it("takes lab staff who become moderators out of the lab room, not out of their own", async () => {
    const moved = await staffMember("lab_staff", "Flyttad");
    const socket = await socketOnB(moved.client);
    expect(await subscribe(socket, "lab")).toMatchObject({ ok: true });
    expect(await subscribe(socket, `user:${moved.id}`)).toMatchObject({ ok: true });
    const seen = record(socket);

    expect((await admin.post("/admin/anvandare", { userId: moved.id, role: "moderator" })).status).toBe(200);
    await waitFor(() => seen.revoked.includes("lab"), 5_000, "the revoked notice on B");
    await publishEvents(topology.a, topology.database, "lab", 1, "idea.ready");
    const [own] = await publishEvents(topology.a, topology.database, `user:${moved.id}`, 1, "notification.created");
    await waitFor(() => seen.events.some((e) => e.id === own.id), 5_000, "the user's own event");
    expect(seen.events.filter((e) => e.room === "lab")).toEqual([]);
    expect(await subscribe(socket, "moderation")).toMatchObject({ ok: true });
  });

  it("closes a suspended moderator's sockets and refuses the moderators' room until the suspension is lifted", async () => {
    const suspended = await staffMember("moderator", "Avstängd");
    const socket = await socketOnB(suspended.client);
    expect(await subscribe(socket, "moderation")).toMatchObject({ ok: true });
    const closed = new Promise<string>((resolve) => socket.once("disconnect", resolve));

    const decided = await admin.post("/moderator/atgard", {
      typ: "user",
      id: suspended.id,
      beslut: "suspend",
      days: "1",
      reasonCategory: "spam",
    });
    expect(decided.status).toBe(302);
    expect(await closed).toBe("io server disconnect");

    // The session lives on (a suspended account may read and appeal), but not its staff powers.
    const again = await socketOnB(suspended.client);
    const seen = record(again);
    expect(await subscribe(again, "moderation")).toEqual({ ok: false, error: "forbidden" });
    expect(await subscribe(again, `user:${suspended.id}`)).toMatchObject({ ok: true });
    await publishEvents(topology.a, topology.database, "moderation", 1, "review.created");
    await pause(300);
    expect(seen.events).toEqual([]);
    expect((await suspended.client.get("/moderator")).status).toBe(403);

    const lifted = await admin.post("/moderator/atgard", { typ: "user", id: suspended.id, beslut: "unsuspend" });
    expect(lifted.status).toBe(302);
    expect(await subscribe(again, "moderation")).toMatchObject({ ok: true });
  });

  it("tells the page's live connection that the room was taken away", async () => {
    const demoted = await staffMember("moderator", "Sidan vet");
    const socket = connectClient(topology.b.url, { cookie: demoted.client.cookieHeader, autoConnect: false });
    sockets.push(socket);
    const live = new LiveConnection(socket);
    const refusals: string[] = [];
    const heard: number[] = [];
    live.watch("moderation", {
      after: await getLiveCursor(topology.database.db, "moderation"),
      onEvent: (e) => heard.push(e.id),
      onRefused: (e) => refusals.push(e),
    });
    socket.connect();
    await connected(socket);
    // Subscribed once an event of the room comes through.
    const [first] = await publishEvents(topology.a, topology.database, "moderation", 1, "review.created");
    await waitFor(() => heard.includes(first.id), 5_000, "the subscription");
    expect((await admin.post("/admin/anvandare", { userId: demoted.id, role: "resident" })).status).toBe(200);
    await waitFor(() => refusals.length > 0, 5_000, "the refusal");
    expect(refusals).toEqual(["forbidden"]);
    expect(live.lastSeen("moderation")).toBeNull();
  });

  it("lets the page's live connection wait out the subscription limit instead of giving up", async () => {
    const socket = connectClient(topology.b.url, { autoConnect: false });
    sockets.push(socket);
    const live = new LiveConnection(socket);
    const after = 0;
    const seen = new Set<string>();
    const refusals: string[] = [];
    // 30 rooms at once (as after a reconnect), right after a burst that used up the allowance.
    socket.connect();
    await connected(socket);
    await Promise.all(Array.from({ length: 40 }, () => subscribe(socket, "project:1")));
    for (let n = 1; n <= 30; n++) {
      live.watch(`challenge:${n}`, { after, onEvent: (e) => seen.add(e.room), onRefused: (e) => refusals.push(e) });
    }
    for (let n = 1; n <= 30; n++) await publishEvents(topology.a, topology.database, `challenge:${n}`, 1);
    await waitFor(() => seen.size === 30, 15_000, "an event of every room");
    expect(refusals).toEqual([]);
  });

  it("holds at most 32 rooms on a socket and says so past that", async () => {
    const socket = await socketOnB();
    const seen = record(socket);
    const replies = [];
    for (let n = 1; n <= 34; n++) replies.push(await subscribe(socket, `idea:${n}`));
    expect(replies.slice(0, 32).every((r) => r.ok)).toBe(true);
    expect(replies.slice(32)).toEqual([
      { ok: false, error: "too_many_rooms", limit: 32 },
      { ok: false, error: "too_many_rooms", limit: 32 },
    ]);
    // A room it already holds may still be asked again (a catch-up), and leaving one frees a place.
    expect(await subscribe(socket, "idea:5")).toMatchObject({ ok: true });
    const [outside] = await publishEvents(topology.a, topology.database, "idea:33", 1);
    const [inside] = await publishEvents(topology.a, topology.database, "idea:32", 1);
    // Ids count each room's events, so an event is its room and its id.
    const heard = (event: LiveEvent) => seen.events.some((e) => e.room === event.room && e.id === event.id);
    await waitFor(() => heard(inside), 5_000, "the event of a held room");
    expect(heard(outside)).toBe(false);
    socket.emit("unsubscribe", "idea:1");
    expect(await subscribe(socket, "idea:33")).toMatchObject({ ok: true });
    expect(socket.connected).toBe(true);
  });

  it("counts a signed-in socket's own room among its 32", async () => {
    const member = await staffMember("moderator", "Många rum");
    const socket = await socketOnB(member.client);
    const replies = [];
    for (let n = 1; n <= 32; n++) replies.push(await subscribe(socket, `challenge:${n}`));
    expect(replies.slice(0, 31).every((r) => r.ok)).toBe(true);
    expect(replies[31]).toEqual({ ok: false, error: "too_many_rooms", limit: 32 });
  });

  it("answers a flood of subscriptions with a limit, keeps the connection and lets it go on after a pause", async () => {
    const socket = await socketOnB();
    const started = Date.now();
    const flood = await Promise.all(Array.from({ length: 3000 }, (_, n) => subscribe(socket, n % 2 ? `idea:${n}` : "idea:1")));
    const elapsedSeconds = (Date.now() - started) / 1000;
    const accepted = flood.filter((r) => r.ok).length;
    // A burst of 40, then 5 a second: the database sees a few dozen of the 3,000.
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThanOrEqual(40 + Math.ceil(elapsedSeconds * 5));
    const refused = new Set(flood.filter((r) => !r.ok).map((r) => (r.ok ? null : r.error)));
    expect(refused.has("rate_limited")).toBe(true);
    for (const error of refused) expect(["rate_limited", "too_many_rooms"]).toContain(error);
    expect(flood.find((r) => !r.ok && r.error === "rate_limited")).toEqual({
      ok: false,
      error: "rate_limited",
      retryAfterMs: expect.any(Number),
    });
    expect(socket.connected).toBe(true);
    expect((await fetch(new URL("/healthz", topology.b.url))).status).toBe(200);

    await pause(1_000);
    expect(await subscribe(socket, "idea:1")).toMatchObject({ ok: true });
  });
});
