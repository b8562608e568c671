import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { createTestDatabase, databaseKinds, untilSomeoneWaitsForALock, type TestDatabase } from "../support/databases";
import { startServerPair, type ServerPair } from "../support/server";
import { HttpClient } from "../support/http";
import type { RunningServer } from "../../server/start";
import { getLiveCursor, recordEvent } from "../../app/domain/live/outbox.server";
import { replayRoom } from "../../server/live-replay";
import { runBeforeCommit } from "../../db/client";
import type { LiveEvent } from "../../app/realtime/events";
import { connectClient, connected, publishEvents, subscribe, waitFor } from "./live-support";

describe.each(databaseKinds)("outbox order (%s)", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database?.close());

  it("numbers each room's events 1, 2, 3, … and fills them in when the transaction commits", async () => {
    const room = freshRoom();
    const [a, b, other] = await database.db.transaction(async (tx) => [
      await recordEvent(tx, room, "test.event", { n: 1 }),
      await recordEvent(tx, room, "test.event", { n: 2 }),
      await recordEvent(tx, `${room}0`, "test.event", { n: 3 }),
    ]);
    expect([a.id, a.prev, b.id, b.prev, other.id, other.prev]).toEqual([1, null, 2, 1, 1, null]);
    const c = await recordEvent(database.db, room, "test.event", { n: 4 });
    expect([c.id, c.prev]).toEqual([3, 2]);
    expect(await getLiveCursor(database.db, room)).toBe(3);
    expect(await replayRoom(database, room, 0)).toEqual({ ok: true, events: [a, b, c], cursor: 3 });
  });

  it("writes nothing of a transaction that rolls back, and leaves no gap", async () => {
    const room = freshRoom();
    await expect(
      database.db.transaction(async (tx) => {
        await recordEvent(tx, room, "test.event", {});
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await getLiveCursor(database.db, room)).toBe(0);
    expect((await recordEvent(database.db, room, "test.event", {})).id).toBe(1);
  });

  it("refuses to record in a savepoint, whose events the outer commit would not write", async () => {
    await expect(
      database.db.transaction((tx) => tx.transaction((savepoint) => recordEvent(savepoint, freshRoom(), "test.event", {}))),
    ).rejects.toThrow(/savepoint/);
  });
});

let rooms = 0;
function freshRoom() {
  return `idea:${Date.now() % 1_000_000}${++rooms}`;
}

/** A transaction that records one event and then holds its room until `release` (after the outbox's statement). */
function holdRoom(database: Database, room: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let recorded!: () => void;
  const holding = new Promise<void>((resolve) => (recorded = resolve));
  const done = database.db.transaction(async (tx) => {
    const event = await recordEvent(tx, room, "test.event", { held: true });
    runBeforeCommit(tx, async () => {
      recorded();
      await released;
    });
    return event;
  });
  return { holding, release, done };
}

const concurrentUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!concurrentUrl)("outbox order under concurrency (postgres)", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("postgres", { max: 30 });
  });
  afterAll(() => database?.close());

  it("lets a write to another room through while a room is held, and queues a write to the same room", async () => {
    const room = freshRoom();
    const held = holdRoom(database, room);
    await held.holding;
    // Another room: commits while the first transaction still holds its room.
    const elsewhere = await recordEvent(database.db, `${room}1`, "test.event", {});
    expect(elsewhere.id).toBe(1);
    // The same room: waits for the first transaction's lock (seen in pg_locks), then comes after it.
    const same = recordEvent(database.db, room, "test.event", {});
    await untilSomeoneWaitsForALock(database, "the second write to the room never waited");
    held.release();
    const [first, second] = await Promise.all([held.done, same]);
    expect([first.id, second.id, second.prev]).toEqual([1, 2, 1]);
  });

  it("gives a transaction that records first but commits later the later id", async () => {
    const room = freshRoom();
    let go!: () => void;
    const gate = new Promise<void>((resolve) => (go = resolve));
    const late = database.db.transaction(async (tx) => {
      const event = await recordEvent(tx, room, "test.event", { late: true });
      await gate;
      return event;
    });
    const early = await recordEvent(database.db, room, "test.event", { late: false });
    go();
    const lateEvent = await late;
    expect([early.id, lateEvent.id, lateEvent.prev]).toEqual([1, 2, 1]);
  });

  it("never lets a replaying client skip an event that committed late: 300 writes, 3 rooms, 25 at a time", async () => {
    const roomNames = [freshRoom(), freshRoom(), freshRoom()];
    const perRoom = 100;
    let writing = true;
    // Clients that replay each room over and over from the cursor they got, as a reconnecting page does.
    const seen = new Map<string, number[]>(roomNames.map((room) => [room, []]));
    const clients = roomNames.map(async (room) => {
      let after = 0;
      while (writing || after < perRoom) {
        const reply = await replayRoom(database, room, after);
        if (!reply.ok || "reset" in reply) throw new Error(`unexpected reply ${JSON.stringify(reply)}`);
        for (const event of reply.events) seen.get(room)!.push(event.id);
        after = reply.cursor;
      }
    });
    const pause = () => new Promise<void>((resolve) => setTimeout(resolve, Math.random() * 4));
    const jobs = roomNames.flatMap((room) => Array.from({ length: perRoom }, () => room)).sort(() => Math.random() - 0.5);
    const writers = Array.from({ length: 25 }, async () => {
      for (let job = jobs.pop(); job; job = jobs.pop()) {
        const room = job;
        await database.db.transaction(async (tx) => {
          // Some transactions also touch a second room, before or after, which must not deadlock.
          const other = `${roomNames[Math.floor(Math.random() * roomNames.length)]}x`;
          const extra = Math.random();
          if (extra < 0.15) await recordEvent(tx, other, "test.event", {});
          await recordEvent(tx, room, "test.event", {});
          if (extra > 0.85) await recordEvent(tx, other, "test.event", {});
          await pause();
          runBeforeCommit(tx, pause);
        });
      }
    });
    await Promise.all(writers);
    writing = false;
    await Promise.all(clients);
    for (const room of roomNames) expect(seen.get(room)).toEqual(Array.from({ length: perRoom }, (_, i) => i + 1));
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
    const after = await getLiveCursor(second.db, "idea:13");
    const events = await publishEvents(a, database, "idea:13", 4);
    const reply = await subscribe(socket, "idea:13", after);
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
