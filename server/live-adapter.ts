import pg from "pg";
import { createAdapter } from "@socket.io/postgres-adapter";
import type { Server as IoServer } from "socket.io";
import { isDatabaseUnavailable } from "../db/errors";

/** Key of the advisory lock that keeps concurrent first starts from racing on CREATE TABLE. */
const setupLockKey = 5_346_002;

/** Shown in pg_stat_activity for the adapter's connections (its LISTEN among them). */
export const liveApplicationName = "samhallsforum-live";

export interface AdapterLog {
  /** The database is away (a restart, a failover, a terminated backend): expected, and recovered from. */
  warn(error: Error, message: string): void;
  error(error: Error, message: string): void;
}

/** A connection that failed or could not be made, as opposed to a query that is wrong. */
function connectionLost(error: Error): boolean {
  return isDatabaseUnavailable(error) || /connection terminated|timeout exceeded when trying to connect/i.test(error.message);
}

/**
 * What the adapter is given instead of the pool itself. @socket.io/postgres-adapter 0.5.0 checks
 * one client out of the pool for LISTEN and never releases it; it attaches `notification` and
 * `end` handlers but no `error` handler. An `error` event without a listener ends the Node process,
 * so a database restart, a failover or `pg_terminate_backend` would take every process on that
 * database down (57P01, "Connection terminated unexpectedly"). So each client handed out here
 * gets an `error` listener, and a client whose connection failed or ended is released as broken:
 * the pool drops it and has room for the new one the adapter asks for when it sees `end` (it waits
 * 1–3 s, and keeps trying while the database is away). Only the newest LISTEN client is kept: if
 * the adapter asks again while an older one is still open (two of its retries overlapping), the
 * older one is closed without telling the adapter, so no event arrives twice.
 */
function listenPool(pool: pg.Pool, log: AdapterLog) {
  let closed = false;
  let current: pg.PoolClient | undefined;
  const dropped = new WeakSet<pg.PoolClient>();

  const releaseOnce = (client: pg.PoolClient) => {
    let released = false;
    const release = client.release.bind(client);
    return (error?: Error | boolean) => {
      if (released) return;
      released = true;
      if (current === client) current = undefined;
      release(error ?? true);
    };
  };

  const adapterPool = {
    query: pool.query.bind(pool),
    async connect(): Promise<pg.PoolClient> {
      if (closed) throw new Error("socket.io adapter closed");
      const client = await pool.connect();
      if (closed) {
        client.release();
        throw new Error("socket.io adapter closed");
      }
      const release = releaseOnce(client);
      // The adapter calls release() once when it closes; after a failure it must not reach the pool twice.
      client.release = release;
      client.on("error", (error: Error) => {
        if (!dropped.has(client)) {
          (connectionLost(error) ? log.warn : log.error)(error, "socket.io adapter: LISTEN connection lost, listening again");
        }
        release(error);
      });
      client.once("end", () => release(new Error("LISTEN connection ended")));
      const previous = current;
      current = client;
      if (previous) {
        dropped.add(previous);
        previous.removeAllListeners("notification");
        previous.removeAllListeners("end");
        previous.release(true);
      }
      return client;
    },
    close() {
      closed = true;
    },
  };
  return adapterPool;
}

/**
 * Lets several processes on one PostgreSQL database share rooms: an emit on one process reaches
 * sockets on all of them, through LISTEN/NOTIFY (the official @socket.io/postgres-adapter).
 * It needs node-postgres and a direct connection: LISTEN does not pass PgBouncer in transaction mode.
 */
export async function attachPostgresAdapter(io: IoServer, url: string, log: AdapterLog) {
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    application_name: liveApplicationName,
    // A database host that does not answer (no refusal either) must not hold a publish for minutes.
    connectionTimeoutMillis: 5_000,
  });
  const report = (error: Error, message: string) => (connectionLost(error) ? log.warn : log.error)(error, message);
  // Idle clients: the pool removes them and tells here.
  pool.on("error", (error) => report(error, "socket.io adapter: idle connection lost"));
  // A checked-out client whose connection fails emits `error` too: without a listener that would
  // end the process. Whoever checked it out sees the failure in its query and releases it.
  pool.on("connect", (client) => client.on("error", () => {}));
  const client = await pool.connect();
  try {
    await client.query("begin");
    await client.query("select pg_advisory_xact_lock($1)", [setupLockKey]);
    // Large payloads (over NOTIFY's 8000 bytes) travel through this table.
    await client.query(`create table if not exists socket_io_attachments (
      id bigserial unique, created_at timestamptz default now(), payload bytea)`);
    await client.query("commit");
    client.release();
  } catch (error) {
    await client.query("rollback").catch(() => {});
    client.release(true);
    throw error;
  }
  const adapterPool = listenPool(pool, log);
  io.adapter(
    createAdapter(adapterPool as unknown as pg.Pool, { errorHandler: (error: Error) => report(error, "socket.io adapter") }),
  );
  return {
    close: async () => {
      adapterPool.close();
      await pool.end();
    },
  };
}
