import { readEnv, type Env } from "../server/env";
import { openDatabase, type Database } from "./client";

/**
 * Runs a command-line tool on the database, opened the same way the server opens it: the
 * environment parsed by the server's schema (server/env.ts), then DATABASE_URL, else PGlite in
 * DATA_DIR (./data). A bad variable or a failure is one line on stderr and exit code 1.
 */
export async function runCli(main: (database: Database, env: Env) => Promise<void>): Promise<void> {
  let database: Database | undefined;
  try {
    const env = readEnv();
    database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR, max: 2 });
    await main(database, env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  } finally {
    await database?.close();
  }
}
