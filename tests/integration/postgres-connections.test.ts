import net from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openDatabase, type Database } from "../../db/client";

// postgres.js asks a new connection for the server's array types and drops the promise of that
// question; a connection cut while it is asked used to end the whole process with an unhandled
// rejection (seen when PostgreSQL restarted under load). A proxy in front of the test server cuts
// every connection that asks, after the first one has been let through.

const adminUrl = process.env.TEST_DATABASE_URL;

interface CuttingProxy {
  url: string;
  /** Connections that asked for the array types. */
  lookups: number;
  /** Connections opened through the proxy. */
  connections: number;
  close(): Promise<void>;
}

async function startCuttingProxy(target: URL, port = 0): Promise<CuttingProxy> {
  const sockets = new Set<net.Socket>();
  const state = { lookups: 0, connections: 0 };
  const server = net.createServer((client) => {
    state.connections += 1;
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    let seen = "";
    let asked = false;
    client.on("data", (chunk) => {
      seen = (seen + chunk.toString("latin1")).slice(-4096);
      if (!asked && seen.includes("pg_catalog.pg_type")) {
        asked = true;
        state.lookups += 1;
        if (state.lookups > 1) {
          client.destroy();
          upstream.destroy();
          return;
        }
      }
      upstream.write(chunk);
    });
    upstream.on("data", (chunk) => client.write(chunk));
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      a.on("close", () => b.destroy());
      a.on("error", () => b.destroy());
    }
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const url = new URL(target);
  url.hostname = "127.0.0.1";
  url.port = String((server.address() as net.AddressInfo).port);
  return {
    url: url.toString(),
    get lookups() {
      return state.lookups;
    },
    get connections() {
      return state.connections;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe.skipIf(!adminUrl)("PostgreSQL connections opened after the first", () => {
  let proxy: CuttingProxy;
  let database: Database | undefined;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);

  beforeEach(async () => {
    rejections.length = 0;
    process.on("unhandledRejection", onRejection);
    proxy = await startCuttingProxy(new URL(adminUrl!));
  });

  afterEach(async () => {
    process.off("unhandledRejection", onRejection);
    await database?.close();
    database = undefined;
    await proxy.close();
  });

  it("do not ask for the array types again, so a cut connection cannot end the process, and still read arrays", async () => {
    database = await openDatabase({ url: proxy.url, max: 4 });
    expect(proxy.lookups).toBe(1);

    // Four statements at once make the pool open its other connections.
    const results = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        database!.rows<{ numbers: number[]; words: string[]; slept: string }>(
          sql`select array[${n}::int, 2]::int[] as numbers, array['a', 'b,c']::text[] as words, pg_sleep(0.2)::text as slept`,
        ),
      ),
    );
    expect(proxy.connections).toBeGreaterThanOrEqual(4);
    expect(proxy.lookups).toBe(1);
    expect(results.map(([row]) => row.numbers)).toEqual([
      [1, 2],
      [2, 2],
      [3, 2],
      [4, 2],
    ]);
    expect(results[3][0].words).toEqual(["a", "b,c"]);

    await new Promise((r) => setTimeout(r, 50));
    expect(rejections).toEqual([]);
  });

  it("finish the array-type lookup on the first successful ping when the database was down at start", async () => {
    const url = proxy.url;
    await proxy.close();
    // Nothing listens on the proxy's port now: the first statement fails, and opening still succeeds.
    database = await openDatabase({ url, max: 3 });
    expect(await database.ping()).toBe(false);

    proxy = await startCuttingProxy(new URL(adminUrl!), Number(new URL(url).port));
    expect(await database.ping()).toBe(true);
    expect(proxy.lookups).toBe(1);
    const results = await Promise.all(
      [1, 2, 3].map((n) => database!.rows<{ numbers: number[] }>(sql`select array[${n}::int]::int[] as numbers, pg_sleep(0.2)`)),
    );
    expect(proxy.connections).toBeGreaterThanOrEqual(3);
    expect(proxy.lookups).toBe(1);
    expect(results.map(([row]) => row.numbers)).toEqual([[1], [2], [3]]);
    expect(rejections).toEqual([]);
  });
});
