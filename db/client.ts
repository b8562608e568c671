import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { sql, type SQL } from "drizzle-orm";
import * as schema from "./schema";
import { assertPostgresGuard } from "./postgres-guard";
import { acquireDirLock, DatabaseLockedError, type DirLock } from "./lock";

export { schema };
export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle: the same query API as Db. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Runs raw SQL and returns its rows, whichever driver is underneath. */
  rows<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
  migrate(): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /** PGlite only: the data folder as a tar archive, which `loadDataDir` opens again. */
  dump?(): Promise<Blob>;
  /** Where the data lives: a folder for PGlite, the URL without password for Postgres. */
  location: string;
}

export interface OpenOptions {
  /** postgres:// URL; when absent, embedded PGlite is used. */
  url?: string;
  /** Folder for PGlite data; "memory://" for a throwaway in-memory database. */
  dataDir?: string;
  /** Connection pool size for postgres.js. */
  max?: number;
  /** In-memory PGlite only: start from this dump of a data folder instead of an empty cluster. */
  loadDataDir?: Blob;
}

export { DatabaseLockedError };

/**
 * Where a transaction keeps its before-commit work: a registered symbol on the transaction object,
 * so that a second copy of this module (the app's server bundle beside the server's own) finds it.
 */
const beforeCommit = Symbol.for("samhallsforum.beforeCommit");
type WithHooks = { [beforeCommit]?: Array<() => Promise<void>> };

/**
 * Work a transaction does last, after its callback and just before its commit (the outbox writes
 * all of a transaction's live events there, in one statement). Returns false when `tx` is not a
 * transaction begun by a Database's `db.transaction` (a savepoint, a plain connection).
 */
export function runBeforeCommit(tx: object, work: () => Promise<void>): boolean {
  const hooks = (tx as WithHooks)[beforeCommit];
  if (!hooks) return false;
  hooks.push(work);
  return true;
}

/** Gives every transaction of `db` its before-commit work (runBeforeCommit); a rollback skips it. */
function withBeforeCommit(db: Db): Db {
  const transaction = db.transaction.bind(db);
  db.transaction = ((work: (tx: Tx) => Promise<unknown>, config?: Parameters<Db["transaction"]>[1]) =>
    transaction(async (tx) => {
      const hooks: Array<() => Promise<void>> = [];
      (tx as WithHooks)[beforeCommit] = hooks;
      const result = await work(tx);
      for (let i = 0; i < hooks.length; i++) await hooks[i]();
      return result;
    }, config)) as Db["transaction"];
  return db;
}

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  if (options.url) return openPostgres(options.url, options.max ?? 10);
  return openPglite(options.dataDir ?? "./data", options.loadDataDir);
}

/** int4[]: registered by postgres.js's array-type lookup, so its parser shows the lookup has been done. */
const INT4_ARRAY_OID = 1007;

async function openPostgres(url: string, max: number): Promise<Database> {
  assertPostgresGuard();
  // postgres.js waits longer after each failed attempt (up to 20 s); after an outage that delays
  // recovery long after the server is back, so it retries at a short, jittered pace instead.
  const client = postgres(url, { max, onnotice: () => {}, connect_timeout: 5, backoff: () => 0.2 + Math.random() * 0.3 });
  // postgres.js looks up the server's array types on every new connection and drops the promise of that
  // lookup: a connection that breaks during it (an outage, a restart, a terminated backend) raises an
  // unhandled rejection that ends the process (porsager/postgres#1192, #1223). The types it learns are
  // shared by the whole pool, so once one connection has them, later connections skip the lookup.
  const stopTypeLookups = () => {
    if (client.options.parsers[INT4_ARRAY_OID]) client.options.fetch_types = false;
  };
  try {
    await client`select 1`;
  } catch {
    // The database may be down while the process starts; the first successful ping finishes this.
  }
  stopTypeLookups();
  const db = withBeforeCommit(drizzlePostgres(client, { schema }) as unknown as Db);
  const safe = url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
  return {
    db,
    kind: "postgres",
    location: safe,
    rows: async <T>(query: SQL) => (await db.execute(query)) as unknown as T[],
    migrate: () => migratePostgres(drizzlePostgres(client), { migrationsFolder }),
    ping: async () => {
      try {
        await client`select 1`;
        stopTypeLookups();
        return true;
      } catch {
        return false;
      }
    },
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<Database> {
  const inMemory = dataDir.startsWith("memory://");
  if (loadDataDir && !inMemory) throw new Error("loadDataDir is only for an in-memory database");
  let lock: DirLock | undefined;
  if (!inMemory) {
    fs.mkdirSync(dataDir, { recursive: true });
    lock = acquireDirLock(dataDir);
  }
  let client: PGlite;
  try {
    client = inMemory ? new PGlite({ loadDataDir }) : new PGlite(path.resolve(dataDir));
    await client.waitReady;
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db = withBeforeCommit(drizzlePglite(client, { schema }) as unknown as Db);
  let closed = false;
  return {
    db,
    kind: "pglite",
    location: inMemory ? "memory" : path.resolve(dataDir),
    rows: async <T>(query: SQL) => ((await db.execute(query)) as unknown as { rows: T[] }).rows,
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder }),
    ping: async () => {
      try {
        await client.query("select 1");
        return true;
      } catch {
        return false;
      }
    },
    dump: () => client.dumpDataDir("none"),
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

export { sql };
