import path from "node:path";
import { pathToFileURL } from "node:url";
import { pino } from "pino";
import type { ServerBuild } from "@remix-run/node";
import { startServer, type RunningServer } from "../../server/start";
import { createTestDatabase, type DatabaseKind, type TestDatabase } from "./databases";

export interface TestServer extends RunningServer {
  database: TestDatabase;
}

let buildPromise: Promise<ServerBuild> | undefined;

/** The production build made by `npm test` (remix build runs first). */
export function loadBuild(): Promise<ServerBuild> {
  buildPromise ??= import(pathToFileURL(path.resolve("build/index.js")).href) as Promise<ServerBuild>;
  return buildPromise;
}

/** The real server (Express + socket.io + Remix) on a free port, on a fresh seeded database. */
export async function startTestServer(
  kind: DatabaseKind = "pglite",
  options: { seed?: boolean; secureCookies?: boolean; staffTwoFactor?: "required" | "optional"; pageCacheSeconds?: number } = {},
): Promise<TestServer> {
  const database = await createTestDatabase(kind, { seed: options.seed ?? true });
  const server = await startServer({
    database,
    build: await loadBuild(),
    logger: pino({ level: "silent" }),
    port: 0,
    host: "127.0.0.1",
    secureCookies: options.secureCookies,
    staffTwoFactor: options.staffTwoFactor,
    pageCacheSeconds: options.pageCacheSeconds,
  });
  const closeServer = server.close;
  return Object.assign(server, {
    database,
    close: async () => {
      await closeServer();
      await database.close();
    },
  });
}
