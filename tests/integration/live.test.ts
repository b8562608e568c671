import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { databaseKinds } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { HttpClient } from "../support/http";
import { LiveConnection } from "../../app/realtime/client";
import type { LiveEvent } from "../../app/realtime/events";
import { getLiveCursor } from "../../app/domain/live/outbox.server";
import { pruneLiveEvents } from "../../server/live-replay";
import { connectClient, connected, publishEvents, subscribe, waitFor } from "./live-support";

describe.each(databaseKinds)("live delivery (%s)", (kind) => {
  let server: TestServer;
  const cookies: Record<string, string> = {};
  const userIds: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer(kind);
    for (const [name, email] of [
      ["resident", "invanare@example.se"],
      ["resident2", "invanare2@example.se"],
      ["moderator", "moderator@example.se"],
      ["lab", "labbet@example.se"],
      ["admin", "admin@example.se"],
    ]) {
      const client = new HttpClient(server.url);
      await client.login(email);
      cookies[name] = client.cookieHeader;
    }
    const rows = await server.database.rows<{ id: string; email: string }>(sql`select id, email from users`);
    for (const row of rows) userIds[row.email.split("@")[0]] = row.id;
  });
  afterAll(() => server?.close());

  async function replyFor(cookie: string | undefined, room: string) {
    const socket = connectClient(server.url, { cookie });
    try {
      await connected(socket);
      return await subscribe(socket, room, null);
    } finally {
      socket.disconnect();
    }
  }

  it("lets visitors into public rooms only", async () => {
    expect(await replyFor(undefined, "idea:1")).toMatchObject({ ok: true });
    expect(await replyFor(undefined, "challenge:1")).toMatchObject({ ok: true });
    expect(await replyFor(undefined, "project:3")).toMatchObject({ ok: true });
    expect(await replyFor(undefined, "moderation")).toEqual({ ok: false, error: "forbidden" });
    expect(await replyFor(undefined, "lab")).toEqual({ ok: false, error: "forbidden" });
    expect(await replyFor(undefined, `user:${userIds.invanare}`)).toEqual({ ok: false, error: "forbidden" });
    expect(await replyFor(undefined, "idea:1; drop table")).toEqual({ ok: false, error: "invalid" });
  });

  it("lets staff into their own rooms and users into their own user room only", async () => {
    expect(await replyFor(cookies.resident, "moderation")).toEqual({ ok: false, error: "forbidden" });
    expect(await replyFor(cookies.resident, "lab")).toEqual({ ok: false, error: "forbidden" });
    expect(await replyFor(cookies.resident, `user:${userIds.invanare}`)).toMatchObject({ ok: true });
    expect(await replyFor(cookies.resident, `user:${userIds.invanare2}`)).toEqual({ ok: false, error: "forbidden" });
    expect(await replyFor(cookies.moderator, "moderation")).toMatchObject({ ok: true });
    expect(await replyFor(cookies.moderator, "lab")).toEqual({ ok: false, error: "forbidden" });
    expect(await replyFor(cookies.lab, "lab")).toMatchObject({ ok: true });
    expect(await replyFor(cookies.lab, "moderation")).toEqual({ ok: false, error: "forbidden" });
    expect(await replyFor(cookies.admin, "moderation")).toMatchObject({ ok: true });
    expect(await replyFor(cookies.admin, "lab")).toMatchObject({ ok: true });
  });

  it("refuses a socket from a foreign origin, and one without any origin", async () => {
    for (const origin of ["https://evil.example", null]) {
      const socket = connectClient(server.url, { origin, cookie: cookies.resident });
      await expect(connected(socket)).rejects.toThrow();
      socket.disconnect();
    }
  });

  it("broadcasts a published event to the room and to no other room", async () => {
    const inRoom = connectClient(server.url);
    const elsewhere = connectClient(server.url);
    await Promise.all([connected(inRoom), connected(elsewhere)]);
    await subscribe(inRoom, "idea:41", null);
    await subscribe(elsewhere, "idea:42", null);
    const got: LiveEvent[] = [];
    const stray: LiveEvent[] = [];
    inRoom.on("live", (e: LiveEvent) => got.push(e));
    elsewhere.on("live", (e: LiveEvent) => stray.push(e));
    const [event] = await publishEvents(server, server.database, "idea:41", 1, "comment.created");
    await waitFor(() => got.length === 1, 5_000, "the event");
    expect(got[0]).toMatchObject({ id: event.id, room: "idea:41", type: "comment.created", payload: { n: 0 } });
    await new Promise((r) => setTimeout(r, 100));
    expect(stray).toEqual([]);
    inRoom.disconnect();
    elsewhere.disconnect();
  });

  it("catches a reconnecting client up: 20 missed events, each once, in order", async () => {
    const room = "idea:77";
    const socket = connectClient(server.url, { cookie: cookies.resident2 });
    const live = new LiveConnection(socket);
    const seen: number[] = [];
    live.watch(room, { after: await getLiveCursor(server.database.db, room), onEvent: (e) => seen.push(e.id) });
    await connected(socket);
    const first = await publishEvents(server, server.database, room, 2);
    await waitFor(() => seen.length === 2, 5_000, "the first two events");

    socket.disconnect();
    const missed = await publishEvents(server, server.database, room, 20);
    await publishEvents(server, server.database, "idea:78", 3);
    socket.connect();
    await waitFor(() => seen.length >= 22, 5_000, "the 20 missed events");
    // Events published during and after the catch-up arrive once too.
    const later = await publishEvents(server, server.database, room, 3);
    await waitFor(() => seen.length >= 25, 5_000, "the later events");
    await new Promise((r) => setTimeout(r, 200));
    expect(seen).toEqual([...first, ...missed, ...later].map((e) => e.id));
    socket.disconnect();
  });

  it("catches up when a live event shows that an earlier one never arrived", async () => {
    const room = "idea:79";
    const socket = connectClient(server.url);
    const live = new LiveConnection(socket);
    const seen: number[] = [];
    live.watch(room, { after: await getLiveCursor(server.database.db, room), onEvent: (e) => seen.push(e.id) });
    await connected(socket);
    await waitFor(() => live.lastSeen(room) !== null, 5_000, "the subscription");
    // Committed but never broadcast (as if the publishing process died right after commit).
    const { recordEvent } = await import("../../app/domain/live/outbox.server");
    const lost = await server.database.db.transaction((tx) => recordEvent(tx, room, "test.event", { lost: true }));
    const [next] = await publishEvents(server, server.database, room, 1);
    await waitFor(() => seen.length === 2, 5_000, "both events");
    expect(seen).toEqual([lost.id, next.id]);
    socket.disconnect();
  });

  it("asks for a reload when what the client had was pruned", async () => {
    const room = "idea:90";
    const old = await publishEvents(server, server.database, room, 3);
    await server.database.rows(
      sql`update live_events set created_at = now() - interval '30 hours' where room = ${room} and seq <= ${old[2].id}`,
    );
    const [kept] = await publishEvents(server, server.database, room, 1);
    expect(await pruneLiveEvents(server.database)).toBeGreaterThanOrEqual(3);

    const socket = connectClient(server.url);
    await connected(socket);
    const reply = await subscribe(socket, room, old[0].id - 1);
    expect(reply).toEqual({ ok: true, reset: true, cursor: expect.any(Number) });
    expect((reply as { cursor: number }).cursor).toBeGreaterThanOrEqual(kept.id);
    // A client that is up to date is not sent back to reload.
    expect(await subscribe(socket, room, kept.id)).toMatchObject({ ok: true, events: [] });

    const resets: number[] = [];
    const live = new LiveConnection(connectClient(server.url));
    live.watch(room, { after: old[0].id - 1, onEvent: () => {}, onReset: () => resets.push(1) });
    await waitFor(() => resets.length === 1, 5_000, "the reset");
    expect(live.lastSeen(room)).toBeGreaterThanOrEqual(kept.id);
    socket.disconnect();
  });

  it("closes a user's sockets when they log out", async () => {
    const client = new HttpClient(server.url);
    await client.login("invanare2@example.se");
    const socket = connectClient(server.url, { cookie: client.cookieHeader });
    await connected(socket);
    const closed = new Promise<string>((resolve) => socket.once("disconnect", resolve));
    const response = await client.post("/logga-ut", {});
    expect(response.status).toBe(302);
    expect(await closed).toBe("io server disconnect");
  });
});
