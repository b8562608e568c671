import { openDatabase, type Database } from "./client";

/** Opens the database the same way the server does: DATABASE_URL, else PGlite in DATA_DIR (./data). */
export async function openFromEnv(): Promise<Database> {
  const url = process.env.DATABASE_URL || undefined;
  return openDatabase({ url, dataDir: process.env.DATA_DIR || "./data", max: 2 });
}

export async function runCli(main: (database: Database) => Promise<void>): Promise<void> {
  let database: Database | undefined;
  try {
    database = await openFromEnv();
    await main(database);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  } finally {
    await database?.close();
  }
}
