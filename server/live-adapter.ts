import pg from "pg";
import { createAdapter } from "@socket.io/postgres-adapter";
import type { Server as IoServer } from "socket.io";

/** Key of the advisory lock that keeps concurrent first starts from racing on CREATE TABLE. */
const setupLockKey = 5_346_002;

/**
 * Lets several processes on one PostgreSQL database share rooms: an emit on one process reaches
 * sockets on all of them, through LISTEN/NOTIFY (the official @socket.io/postgres-adapter).
 * It needs node-postgres and a direct connection: LISTEN does not pass PgBouncer in transaction mode.
 */
export async function attachPostgresAdapter(io: IoServer, url: string, onError: (error: Error) => void) {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on("error", onError);
  const client = await pool.connect();
  try {
    await client.query("begin");
    await client.query("select pg_advisory_xact_lock($1)", [setupLockKey]);
    // Large payloads (over NOTIFY's 8000 bytes) travel through this table.
    await client.query(`create table if not exists socket_io_attachments (
      id bigserial unique, created_at timestamptz default now(), payload bytea)`);
    await client.query("commit");
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  io.adapter(createAdapter(pool, { errorHandler: onError }));
  return { close: () => pool.end() };
}
