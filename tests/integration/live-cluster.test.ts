import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../support/databases";
import { startServerPair, type ServerPair } from "../support/server";
import { HttpClient } from "../support/http";
import type { RunningServer } from "../../server/start";
import { recordEvent } from "../../app/domain/live/outbox.server";
import type { LiveEvent } from "../../app/realtime/events";
import { connectClient, connected, publishEvents, subscribe, waitFor } from "./live-support";

describe.each(databaseKinds)("outbox order (%s)", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database?.close());

  it("hands out ids in commit order, so a later commit never hides an earlier id", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let recorded!: (event: LiveEvent) => void;
    const firstRecorded = new Promise<LiveEvent>((resolve) => (recorded = resolve));
    const first = database.db.transaction(async (tx) => {
      const event = await recordEvent(tx, "idea:5", "test.event", { n: 1 });
      recorded(event);
      await gate;
      return event;
    });
    await firstRecorded;
    const second = database.db.transaction((tx) => recordEvent(tx, "idea:5", "test.event", { n: 2 }));
    setTimeout(release, 150);
    const [a, b] = await Promise.all([first, second]);
    expect(b.id).toBeGreaterThan(a.id);
    expect(b.prev).toBe(a.id);
    expect(a.prev).toBeNull();
  });

  it("records outside a transaction as well, with the same guarantees", async () => {
    const a = await recordEvent(database.db, "idea:6", "test.event", {});
    const b = await recordEvent(database.db, "idea:6", "test.event", {});
    expect(b.prev).toBe(a.id);
  });
});

const postgresUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!postgresUrl)("live delivery across processes (postgres)", () => {
  let pair: ServerPair;
  let database: TestDatabase;
  let second: Database;
  let a: RunningServer;
  let b: RunningServer;

  beforeAll(async () => {
    pair = await startServerPair(postgresUrl!);
    ({ database, second, a, b } = pair);
  });
  afterAll(() => pair?.close());

  it("delivers an event published on process A to a client of process B", async () => {
    const socket = connectClient(b.url);
    await connected(socket);
    expect(await subscribe(socket, "idea:12", null)).toMatchObject({ ok: true });
    const got: LiveEvent[] = [];
    socket.on("live", (e: LiveEvent) => got.push(e));
    const events = await publishEvents(a, database, "idea:12", 5);
    await waitFor(() => got.length === 5, 5_000, "the events on B");
    expect(got.map((e) => e.id)).toEqual(events.map((e) => e.id));
    socket.disconnect();
  });

  it("replays on B what was committed through A while the client was away", async () => {
    const socket = connectClient(b.url);
    await connected(socket);
    const [{ max }] = await second.rows<{ max: string }>(sql`select max(id) as max from live_events`);
    const events = await publishEvents(a, database, "idea:13", 4);
    const reply = await subscribe(socket, "idea:13", Number(max));
    expect(reply).toMatchObject({ ok: true, events: events.map((e) => ({ id: e.id, payload: e.payload })) });
    socket.disconnect();
  });

  it("logging out through A closes the user's socket on B", async () => {
    const client = new HttpClient(a.url);
    await client.login("invanare@example.se");
    const socket = connectClient(b.url, { cookie: client.cookieHeader });
    await connected(socket);
    const closed = new Promise<string>((resolve) => socket.once("disconnect", resolve));
    expect((await client.post("/logga-ut", {})).status).toBe(302);
    expect(await closed).toBe("io server disconnect");
  });
});
