/**
 * The server under test, in its own process so that the load generator does not share its event
 * loop: the production build from BENCH_BUILD (a private copy), the database from DATABASE_URL or
 * DATA_DIR. Started and stopped by bench/server.ts.
 */
import { pathToFileURL } from "node:url";
import { pino } from "pino";
import type { ServerBuild } from "@remix-run/node";
import { openDatabase } from "../db/client";
import { startServer } from "../server/start";

const database = await openDatabase({ url: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR, max: 10 });
await database.migrate();
const build = (await import(pathToFileURL(`${process.env.BENCH_BUILD}/build/index.js`).href)) as ServerBuild;
const server = await startServer({
  database,
  build,
  logger: pino({ level: process.env.LOG_LEVEL ?? "warn" }),
  port: Number(process.env.PORT),
  host: "127.0.0.1",
  publicDir: `${process.env.BENCH_BUILD}/public`,
  databaseUrl: process.env.DATABASE_URL || undefined,
  pageCacheSeconds: Number(process.env.PAGE_CACHE_SECONDS ?? 10),
});
const stop = async () => {
  await server.close();
  await database.close();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
