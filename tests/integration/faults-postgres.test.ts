import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { pino } from "pino";
import { openDatabase, type Database } from "../../db/client";
import { seed } from "../../db/seed";
import { startServer, type RunningServer } from "../../server/start";
import { liveApplicationName } from "../../server/live-adapter";
import { createThrowawayPostgres, postgresBin, type ThrowawayPostgres } from "../faults/throwaway-postgres";
import { freePort } from "../faults/server-process";
import { HttpClient } from "../support/http";
import { statusOf, timeUntil } from "../faults/load";
import { loadBuild, testConfig, unlimited } from "../support/server";

const outageMs = 10_000;
const recoveryBudgetMs = 5_000;

interface Write {
  token: string;
  status: number;
}

async function firstIdeaPath(client: HttpClient, database: Database): Promise<string> {
  const [row] = await database.rows<{ id: number }>(
    sql`select id from ideas where not hidden and not locked and deleted_at is null order by id limit 1`,
  );
  expect(row).toBeDefined();
  expect((await client.get(`/ideer/${row.id}`)).status).toBe(200);
  return `/ideer/${row.id}`;
}

describe.skipIf(!postgresBin)("a PostgreSQL outage during a write load", () => {
  let pg: ThrowawayPostgres;
  let database: Database;
  let server: RunningServer;

  beforeAll(async () => {
    pg = createThrowawayPostgres(await freePort());
    pg.start();
    database = await openDatabase({ url: pg.url, max: 10 });
    await database.migrate();
    await seed(database.db);
    // With the socket.io adapter on (databaseUrl), as production runs: its LISTEN connection is cut too.
    server = await startServer({
      database,
      build: await loadBuild(),
      logger: pino({ level: "silent" }),
      port: 0,
      host: "127.0.0.1",
      databaseUrl: pg.url,
      // The load below writes far more than a person may.
      config: testConfig({ rateLimits: { comments: unlimited } }),
    });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await database?.close();
    pg?.destroy();
  });

  it("answers 503 in Swedish while the database is down, recovers by itself, and keeps every acknowledged write", async () => {
    const writers = await Promise.all(
      ["invanare@example.se", "invanare2@example.se"].map(async (email) => {
        const client = new HttpClient(server.url);
        await client.login(email);
        return client;
      }),
    );
    const ideaPath = await firstIdeaPath(writers[0], database);

    const writes: Write[] = [];
    const readStatuses: number[] = [];
    let running = true;
    const load = writers.map(async (client, w) => {
      for (let n = 0; running; n++) {
        const token = `Felprov ${w}-${n}-${Math.random().toString(36).slice(2, 10)} håller texten.`;
        writes.push({ token, status: await statusOf(client.post(ideaPath, { intent: "comment", body: token })) });
        readStatuses.push(await statusOf(fetch(new URL(ideaPath, server.url))));
        await new Promise((r) => setTimeout(r, 20));
      }
    });

    // Some writes must be acknowledged before the outage, however slow the machine is.
    expect(await timeUntil(async () => writes.filter((w) => w.status === 302).length >= 2, 20_000)).toBeLessThan(Infinity);
    pg.stop();
    const stoppedAt = Date.now();

    // While it is down: a clear Swedish page, a failing health check, and the process still answering.
    await new Promise((r) => setTimeout(r, 500));
    const page = await fetch(new URL("/", server.url));
    expect(page.status).toBe(503);
    expect(page.headers.get("retry-after")).toBe("5");
    const html = await page.text();
    expect(html).toContain('<html lang="sv"');
    expect(html).toContain("Tjänsten är tillfälligt otillgänglig");
    const health = await fetch(new URL("/healthz", server.url));
    expect(health.status).toBe(503);
    expect(await health.text()).toBe("Databasen svarar inte");
    const write = await writers[0].post(ideaPath, { intent: "comment", body: "Skrivs medan databasen är borta." });
    expect(write.status).toBe(503);
    expect(await write.text()).toContain("Tjänsten är tillfälligt otillgänglig");

    await new Promise((r) => setTimeout(r, Math.max(0, outageMs - (Date.now() - stoppedAt))));
    pg.start();

    const healthy = await timeUntil(
      async () => (await fetch(new URL("/healthz", server.url))).status === 200,
      recoveryBudgetMs + 5_000,
    );
    const pages = await timeUntil(async () => (await fetch(new URL("/", server.url))).status === 200, recoveryBudgetMs + 5_000);
    expect(healthy, "ms until /healthz is 200 again").toBeLessThanOrEqual(recoveryBudgetMs);
    expect(pages, "ms until pages are 200 again").toBeLessThanOrEqual(recoveryBudgetMs);

    // The adapter's LISTEN connection was cut with the others: the process is still here and listens again.
    const listening = await timeUntil(async () => {
      const rows = await database.rows<{ pid: number }>(
        sql`select pid from pg_stat_activity where application_name = ${liveApplicationName} and query like 'LISTEN%'`,
      );
      return rows.length === 1;
    }, 20_000);
    expect(listening, "ms until the socket.io adapter listens again").toBeLessThan(Infinity);

    // A write after recovery succeeds for the same signed-in user: the session survived.
    const after = writers[1].post(ideaPath, { intent: "comment", body: "Skrivs efter att databasen är tillbaka." });
    expect((await after).status).toBe(302);

    await new Promise((r) => setTimeout(r, 1_000));
    running = false;
    await Promise.all(load);

    const acknowledged = writes.filter((w) => w.status === 302);
    const refused = writes.filter((w) => w.status !== 302);
    // Few under a loaded machine, but some on each side of the outage is all the check needs.
    expect(acknowledged.length).toBeGreaterThan(2);
    expect(refused.length).toBeGreaterThan(0);
    // Every failure during the outage was a clear 503, never a 500 or a dropped connection.
    expect(
      refused.filter((w) => w.status !== 503),
      "writes answered otherwise than 302 or 503",
    ).toEqual([]);
    expect(
      readStatuses.filter((s) => s !== 200 && s !== 503),
      "reads answered otherwise than 200 or 503",
    ).toEqual([]);

    const stored = new Set(
      (await database.rows<{ body: string }>(sql`select body from comments where body like 'Felprov %'`)).map((r) => r.body),
    );
    const lost = acknowledged.filter((w) => !stored.has(w.token));
    expect(lost).toEqual([]);
  }, 90_000);
});
