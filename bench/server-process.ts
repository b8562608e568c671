/**
 * The server under test, in its own process so that the load generator does not share its event
 * loop: the production build from BENCH_BUILD (a private copy), the database from DATABASE_URL or
 * DATA_DIR. Started and stopped by bench/server.ts.
 */
import { pathToFileURL } from "node:url";
import { pino } from "pino";
import type { ServerBuild } from "@remix-run/node";
import { openDatabase } from "../db/client";
import { readEnv, serverConfig } from "../server/env";
import { startServer } from "../server/start";

const env = readEnv();
const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR, max: 10 });
await database.migrate();
// BENCH_BUILD is the benchmark's own variable (set by bench/server.ts), not the server's configuration.
const buildDir = process.env.BENCH_BUILD;
const build = (await import(pathToFileURL(`${buildDir}/build/index.js`).href)) as ServerBuild;
const server = await startServer({
  database,
  build,
  logger: pino({ level: env.LOG_LEVEL }),
  port: env.PORT,
  host: "127.0.0.1",
  publicDir: `${buildDir}/public`,
  databaseUrl: env.DATABASE_URL,
  pageCacheSeconds: env.PAGE_CACHE_SECONDS,
  config: serverConfig(env),
  mode: env.NODE_ENV === "production" ? "production" : "development",
});
const stop = async () => {
  await server.close();
  await database.close();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
