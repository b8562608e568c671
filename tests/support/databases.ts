import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase, type Database } from "../../db/client";
import { sql } from "drizzle-orm";
import { seed } from "../../db/seed";
import { pgliteTemplate, postgresTemplate } from "./templates";

export type DatabaseKind = "pglite" | "postgres";

/** PGlite always; real PostgreSQL too when TEST_DATABASE_URL is set. Use with describe.each. */
export const databaseKinds: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

export interface TestDatabase extends Database {
  /** Closes the connection and, on PostgreSQL, drops the throwaway database. */
  close(): Promise<void>;
}

/**
 * A fresh, migrated database, empty or with the demo content: in-memory PGlite, or a new database on the
 * TEST_DATABASE_URL server. Copied from the run's templates (tests/support/templates.ts) when the global
 * setup built them; created, migrated and seeded here otherwise.
 */
export async function createTestDatabase(
  kind: DatabaseKind,
  options: { seed?: boolean; max?: number } = {},
): Promise<TestDatabase> {
  const templateKind = options.seed ? "seeded" : "empty";
  let fromTemplate = false;
  let database: Database;
  let drop = async () => {};
  if (kind === "postgres") {
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
    const name = `sf_test_${randomBytes(6).toString("hex")}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    const template = postgresTemplate(templateKind);
    await admin.unsafe(template ? `create database ${name} template ${template}` : `create database ${name}`);
    fromTemplate = template !== undefined;
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    database = await openDatabase({ url: url.toString(), max: options.max ?? 20 });
    drop = async () => {
      const again = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`);
      await again.end();
    };
  } else {
    const dump = pgliteTemplate(templateKind);
    database = await openDatabase({ dataDir: "memory://", loadDataDir: dump });
    fromTemplate = dump !== undefined;
  }
  await database.migrate();
  if (options.seed && !fromTemplate) await seed(database.db);
  const close = database.close;
  return Object.assign(database, {
    close: async () => {
      await close();
      await drop();
    },
  });
}

/**
 * Waits until some transaction on `database` waits for a row another one holds (seen in pg_locks,
 * PostgreSQL only); throws with `what` after about five seconds.
 */
export async function untilSomeoneWaitsForALock(database: Database, what: string): Promise<void> {
  for (let tries = 0; ; tries++) {
    const [waiting] = await database.rows<{ n: number }>(
      sql`select count(*)::int as n from pg_locks where not granted and locktype = 'transactionid'`,
    );
    if (waiting.n > 0) return;
    if (tries > 500) throw new Error(what);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
