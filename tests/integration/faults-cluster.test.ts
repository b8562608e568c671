import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Socket } from "socket.io-client";
import { openDatabase, type Database } from "../../db/client";
import { seed } from "../../db/seed";
import { liveMessage, type LiveEvent } from "../../app/realtime/events";
import { createThrowawayPostgres, postgresBin, type ThrowawayPostgres } from "../faults/throwaway-postgres";
import { freePort, startServerProcess, type ServerProcess } from "../faults/server-process";
import { HttpClient } from "../support/http";
import { statusOf, timeUntil } from "../faults/load";
import { liveApplicationName } from "../../server/live-adapter";
import { connectClient, connected, subscribe } from "./live-support";

/**
 * Two server processes on one PostgreSQL, joined by the socket.io adapter (LISTEN/NOTIFY), as
 * `npm run start:cluster` runs them: the database goes away and comes back under a write load.
 */
const outageMs = 10_000;
const recoveryBudgetMs = 5_000;
/** The adapter waits 1–3 s before it connects again; a loaded machine adds to that. */
const relistenLimitMs = 20_000;
const liveLimitMs = 10_000;

interface Write {
  token: string;
  status: number;
}

const alive = (server: ServerProcess) => server.child.exitCode === null && server.child.signalCode === null;

describe.skipIf(!postgresBin)("two server processes on one PostgreSQL through outages", () => {
  let pg: ThrowawayPostgres;
  let database: Database;
  const servers: ServerProcess[] = [];
  let writers: HttpClient[] = [];
  let socket: Socket | undefined;
  const received: LiveEvent[] = [];
  const writes: Write[] = [];
  const readStatuses: number[] = [];
  let ideaPath = "";
  let ideaId = 0;
  let running = false;
  const load: Promise<void>[] = [];

  /** Both processes still run; otherwise their output says why. */
  const expectAlive = () => {
    for (const [i, server] of servers.entries()) expect(alive(server), `process ${i + 1} exited:\n${server.output()}`).toBe(true);
  };

  /** The adapters' LISTEN connections, one per process (their application_name says whose). */
  const listeners = async () =>
    (
      await database.rows<{ pid: number }>(
        sql`select pid from pg_stat_activity where application_name = ${liveApplicationName} and query like 'LISTEN%'`,
      )
    ).map((r) => Number(r.pid));

  const waitForListeners = async (not: number[] = []) => {
    let pids: number[] = [];
    const took = await timeUntil(async () => {
      pids = await listeners();
      return pids.length === servers.length && pids.every((pid) => !not.includes(pid));
    }, relistenLimitMs);
    expect(took, `LISTEN again on both processes (now: ${pids.join(", ")})`).toBeLessThan(Infinity);
    return pids;
  };

  const startLoad = () => {
    running = true;
    load.push(
      ...writers.map(async (client, w) => {
        for (let n = 0; running; n++) {
          const token = `Klusterprov ${w}-${n}-${Math.random().toString(36).slice(2, 10)} håller texten.`;
          writes.push({ token, status: await statusOf(client.post(ideaPath, { intent: "comment", body: token })) });
          readStatuses.push(await statusOf(client.get(ideaPath)));
          await new Promise((r) => setTimeout(r, 50));
        }
      }),
    );
  };

  const stopLoad = async () => {
    running = false;
    await Promise.all(load.splice(0));
  };

  /** While PostgreSQL is down: every process answers, with the Swedish 503 page and health check. */
  const expectUnavailable = async () => {
    for (const [i, server] of servers.entries()) {
      const response = await writers[i].get(ideaPath);
      expect(response.status, `a page of process ${i + 1} while the database is down`).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
      const html = await response.text();
      expect(html).toContain('<html lang="sv"');
      expect(html).toContain("Tjänsten är tillfälligt otillgänglig");
      const health = await fetch(new URL("/healthz", server.url));
      expect(health.status).toBe(503);
      expect(await health.text()).toBe("Databasen svarar inte");
    }
  };

  /**
   * After PostgreSQL is back (`pg.start()` returns once it accepts connections): the health check, a
   * signed-in page and the home page of both processes answer 200 within the budget, counted from then.
   */
  const expectRecovered = async () => {
    const backAt = Date.now();
    const within = async (what: string, check: () => Promise<boolean>) => {
      const ok = await timeUntil(check, recoveryBudgetMs + 10_000);
      return [what, ok === Infinity ? Infinity : Date.now() - backAt] as const;
    };
    const results = await Promise.all(
      servers.flatMap((server, i) => [
        within(`/healthz of process ${i + 1}`, async () => (await fetch(new URL("/healthz", server.url))).ok),
        within(`a signed-in page of process ${i + 1}`, async () => (await statusOf(writers[i].get(ideaPath))) === 200),
        within(`the home page of process ${i + 1}`, async () => (await statusOf(fetch(new URL("/", server.url)))) === 200),
      ]),
    );
    for (const [what, ms] of results) expect(ms, `ms until ${what} answers 200 again`).toBeLessThanOrEqual(recoveryBudgetMs);
  };

  /** A comment posted on process 1 reaches the socket on process 2, live (the socket never reconnects). */
  const expectLiveAcrossProcesses = async (label: string) => {
    const token = `Livsprov ${label} ${Math.random().toString(36).slice(2, 10)} når den andra processen.`;
    const response = await writers[0].post(ideaPath, { intent: "comment", body: token });
    expect(response.status).toBe(302);
    writes.push({ token, status: 302 });
    const took = await timeUntil(
      async () => received.some((e) => e.type === "comment.created" && JSON.stringify(e.payload).includes(token)),
      liveLimitMs,
    );
    expect(took, `the comment posted on process 1 (${label}) on the socket of process 2`).toBeLessThan(Infinity);
    expect(socket!.connected).toBe(true);
  };

  /** Every write that was answered with success is in the database; every other answer was a 503. */
  const expectNothingLost = async () => {
    const acknowledged = writes.filter((w) => w.status === 302);
    expect(
      writes.filter((w) => w.status !== 302 && w.status !== 503),
      "writes answered otherwise than 302 or 503",
    ).toEqual([]);
    expect(
      readStatuses.filter((s) => s !== 200 && s !== 503),
      "reads answered otherwise than 200 or 503",
    ).toEqual([]);
    const stored = new Set(
      (
        await database.rows<{ body: string }>(
          sql`select body from comments where body like 'Klusterprov %' or body like 'Livsprov %'`,
        )
      ).map((r) => r.body),
    );
    expect(
      acknowledged.filter((w) => !stored.has(w.token)),
      "acknowledged writes missing from the database",
    ).toEqual([]);
    return acknowledged.length;
  };

  beforeAll(async () => {
    pg = createThrowawayPostgres(await freePort());
    pg.start();
    database = await openDatabase({ url: pg.url, max: 4 });
    await database.migrate();
    await seed(database.db);
    const [row] = await database.rows<{ id: number }>(
      sql`select id from ideas where not hidden and not locked and deleted_at is null order by id limit 1`,
    );
    ideaId = Number(row.id);
    ideaPath = `/ideer/${ideaId}`;
    const env = { DATABASE_URL: pg.url, RATE_COMMENTS: "100000/60" };
    const ports = [await freePort(), await freePort()];
    servers.push(...(await Promise.all(ports.map((port) => startServerProcess(env, port, 90_000)))));
    writers = await Promise.all(
      servers.map(async (server, i) => {
        const client = new HttpClient(server.url);
        await client.login(i === 0 ? "invanare@example.se" : "invanare2@example.se");
        return client;
      }),
    );
    socket = connectClient(servers[1].url);
    socket.on(liveMessage, (event: LiveEvent) => received.push(event));
    await connected(socket);
    expect(await subscribe(socket, `idea:${ideaId}`, null)).toMatchObject({ ok: true });
    await waitForListeners();
  }, 150_000);

  afterAll(async () => {
    running = false;
    await Promise.all(load);
    socket?.close();
    await Promise.all(
      servers.map(async (server) => {
        if (!alive(server)) return;
        const killer = setTimeout(() => server.child.kill("SIGKILL"), 10_000);
        server.child.kill("SIGTERM");
        await server.exited;
        clearTimeout(killer);
      }),
    );
    await database?.close();
    pg?.destroy();
  }, 60_000);

  it("delivers live events across the processes before any fault", async () => {
    await expectLiveAcrossProcesses("före");
  });

  it("stays up through a 10 s outage under load, answers 503 meanwhile and recovers by itself", async () => {
    startLoad();
    // Some writes must be acknowledged on both processes before the outage, however slow the machine is.
    expect(await timeUntil(async () => writes.filter((w) => w.status === 302).length >= 4, 30_000)).toBeLessThan(Infinity);
    const before = await listeners();
    pg.stop();
    const stoppedAt = Date.now();

    await new Promise((r) => setTimeout(r, 500));
    expectAlive();
    await expectUnavailable();

    await new Promise((r) => setTimeout(r, Math.max(0, outageMs - (Date.now() - stoppedAt))));
    expectAlive();
    pg.start();
    await expectRecovered();
    await waitForListeners(before);
    await expectLiveAcrossProcesses("efter avbrottet");
    await new Promise((r) => setTimeout(r, 500));
    await stopLoad();
    expectAlive();

    const acknowledged = await expectNothingLost();
    expect(acknowledged).toBeGreaterThan(4);
    expect(writes.filter((w) => w.status === 503).length, "writes refused while the database was down").toBeGreaterThan(0);
  }, 90_000);

  it("stays up when the LISTEN connections are terminated, and listens again", async () => {
    expectAlive();
    startLoad();
    const before = await waitForListeners();
    const [{ count }] = await database.rows<{ count: number }>(
      sql`select count(pg_terminate_backend(pid))::int as count from pg_stat_activity where query like 'LISTEN%'`,
    );
    expect(Number(count)).toBe(2);
    await waitForListeners(before);
    expectAlive();
    for (const [i, server] of servers.entries()) {
      expect(await statusOf(writers[i].get(ideaPath))).toBe(200);
      expect((await fetch(new URL("/healthz", server.url))).status).toBe(200);
    }
    await expectLiveAcrossProcesses("efter pg_terminate_backend");
    await stopLoad();
    expectAlive();
    await expectNothingLost();
  }, 60_000);

  it("stays up through two restarts of the database in a row", async () => {
    expectAlive();
    startLoad();
    const before = await waitForListeners();
    for (let restart = 0; restart < 2; restart++) {
      pg.stop();
      await new Promise((r) => setTimeout(r, 300));
      expectAlive();
      await expectUnavailable();
      pg.start();
    }
    await expectRecovered();
    expectAlive();
    await waitForListeners(before);
    await expectLiveAcrossProcesses("efter två omstarter");
    await stopLoad();
    expectAlive();
    await expectNothingLost();
  }, 90_000);
});
