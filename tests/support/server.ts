import path from "node:path";
import { pathToFileURL } from "node:url";
import { pino } from "pino";
import type { ServerBuild } from "@remix-run/node";
import { startServer, type RunningServer, type StartOptions } from "../../server/start";
import { defaultConfig, type ServerConfig } from "../../server/env";
import { openDatabase, type Database } from "../../db/client";
import { createTestDatabase, type DatabaseKind, type TestDatabase } from "./databases";
import { testOutbox } from "./outbox";

export interface TestServer extends RunningServer {
  database: TestDatabase;
}

/** What a test changes of the configuration (server/env.ts), group by group; the rest keeps the schema's defaults. */
export interface TestConfig {
  session?: Partial<ServerConfig["session"]>;
  contact?: Partial<ServerConfig["contact"]>;
  rateLimits?: Partial<ServerConfig["rateLimits"]>;
  mail?: Partial<ServerConfig["mail"]>;
}

/**
 * The configuration a test server runs with: the schema's defaults (never this process's
 * environment) with the test's changes; mail goes to testOutbox unless the test names a folder.
 */
export function testConfig(changes: TestConfig = {}): ServerConfig {
  return {
    session: { ...defaultConfig.session, ...changes.session },
    contact: { ...defaultConfig.contact, ...changes.contact },
    rateLimits: { ...defaultConfig.rateLimits, ...changes.rateLimits },
    mail: { ...defaultConfig.mail, outboxDir: testOutbox, ...changes.mail },
  };
}

/** A write limit no test reaches, for tests that write a lot. */
export const unlimited = { points: 100_000, seconds: 60 };

let buildPromise: Promise<ServerBuild> | undefined;

/** The production build made by `npm test` (remix build runs first). */
export function loadBuild(): Promise<ServerBuild> {
  buildPromise ??= import(pathToFileURL(path.resolve("build/index.js")).href) as Promise<ServerBuild>;
  return buildPromise;
}

/** The real server (Express + socket.io + Remix) on a free port, on a fresh seeded database. */
export async function startTestServer(
  kind: DatabaseKind = "pglite",
  options: {
    seed?: boolean;
    secureCookies?: boolean;
    staffTwoFactor?: "required" | "optional";
    pageCacheSeconds?: number;
    publicUrl?: string;
    mailWorker?: StartOptions["mailWorker"];
    /** Configuration this test changes (rate limits, the contact form, sessions, the mail folder). */
    config?: TestConfig;
    /** On PostgreSQL: give the server the database's URL, as DATABASE_URL does (shared rate limits, socket.io adapter). */
    withDatabaseUrl?: boolean;
  } = {},
): Promise<TestServer> {
  const database = await createTestDatabase(kind, { seed: options.seed ?? true });
  const databaseUrl =
    kind === "postgres" && options.withDatabaseUrl ? urlOf(database, process.env.TEST_DATABASE_URL!) : undefined;
  const server = await startServer({
    database,
    build: await loadBuild(),
    logger: pino({ level: "silent" }),
    // As `npm start` runs it: error details stay off the pages, and React renders its production build.
    mode: "production",
    port: 0,
    host: "127.0.0.1",
    secureCookies: options.secureCookies,
    staffTwoFactor: options.staffTwoFactor,
    pageCacheSeconds: options.pageCacheSeconds,
    publicUrl: options.publicUrl,
    mailWorker: options.mailWorker,
    databaseUrl,
    config: testConfig(options.config),
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

/** The URL of a throwaway test database on the server of `postgresUrl` (its location hides the password). */
function urlOf(database: TestDatabase, postgresUrl: string): string {
  const url = new URL(postgresUrl);
  url.pathname = new URL(database.location.replace(/:\*\*\*@/, "@")).pathname;
  return url.toString();
}

export interface ServerPair {
  /** The database both use (server A's own handle to it). */
  database: TestDatabase;
  /** Server B's own handle to the same database. */
  second: Database;
  a: RunningServer;
  b: RunningServer;
  close(): Promise<void>;
}

/**
 * Two servers, as two processes would be, on one fresh seeded PostgreSQL database: each with its own
 * connections, joined by the socket.io adapter (`databaseUrl`), as `npm run start:cluster` runs them.
 */
export async function startServerPair(
  postgresUrl: string,
  options: { pageCacheSeconds?: number; config?: TestConfig } = {},
): Promise<ServerPair> {
  const database = await createTestDatabase("postgres", { seed: true });
  const url = urlOf(database, postgresUrl);
  const second = await openDatabase({ url });
  const common = {
    build: await loadBuild(),
    logger: pino({ level: "silent" }),
    mode: "production" as const,
    port: 0,
    host: "127.0.0.1",
    databaseUrl: url,
    pageCacheSeconds: options.pageCacheSeconds,
    config: testConfig(options.config),
  };
  const a = await startServer({ ...common, database });
  const b = await startServer({ ...common, database: second });
  return {
    database,
    second,
    a,
    b,
    close: async () => {
      await a.close();
      await b.close();
      await second.close();
      await database.close();
    },
  };
}
