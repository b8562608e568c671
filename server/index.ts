import path from "node:path";
import { pathToFileURL } from "node:url";
import { pino } from "pino";
import type { ServerBuild } from "@remix-run/node";
import { openDatabase, DatabaseLockedError, type Database } from "../db/client";
import { isEmpty, seed, demoUsers, demoPassword } from "../db/seed";
import { readEnv, serverConfig } from "./env";
import { startServer } from "./start";

const roleNames: Record<string, string> = {
  resident: "invånare",
  moderator: "moderator",
  lab_staff: "labbpersonal",
  admin: "administratör",
};

function where(env: ReturnType<typeof readEnv>): string {
  return env.DATABASE_URL ? "PostgreSQL" : path.resolve(env.DATA_DIR);
}

/** One readable line: the driver's own error (e.g. ECONNREFUSED) is in the cause, not the message. */
function openFailure(error: unknown, location: string): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const reason = cause instanceof Error ? cause.message : String(cause);
  return `Kunde inte öppna databasen (${location}): ${reason}`;
}

async function main() {
  let env: ReturnType<typeof readEnv>;
  try {
    env = readEnv();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const logger = pino({ level: env.LOG_LEVEL });
  const buildPath = path.resolve("build/index.js");
  const loadBuild = async () => (await import(`${pathToFileURL(buildPath).href}?t=${Date.now()}`)) as ServerBuild;

  let database: Database | undefined;
  try {
    database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
    // postgres.js connects lazily: the first query is where an unreachable server shows.
    await database.migrate();
    if (await isEmpty(database.db)) {
      await seed(database.db);
      logger.info("Tom databas: demodata har lagts in.");
    }
  } catch (error) {
    console.error(error instanceof DatabaseLockedError ? error.message : openFailure(error, database?.location ?? where(env)));
    await database?.close().catch(() => {});
    process.exit(1);
  }

  // npm_lifecycle_event is npm's own variable (the script it runs), not configuration: `npm run dev` rebuilds on change.
  // eslint-disable-next-line no-restricted-properties -- npm's, not the app's
  const development = env.NODE_ENV === "development" && process.env.npm_lifecycle_event === "dev";
  const server = await startServer({
    database,
    build: development ? loadBuild : await loadBuild(),
    logger,
    port: env.PORT,
    host: env.HOST,
    secureCookies: env.SECURE_COOKIES ?? env.PUBLIC_URL?.startsWith("https:") ?? false,
    staffTwoFactor: env.STAFF_2FA,
    publicUrl: env.PUBLIC_URL,
    databaseUrl: env.DATABASE_URL,
    pageCacheSeconds: development ? 0 : env.PAGE_CACHE_SECONDS,
    formSecret: env.FORM_SECRET,
    config: serverConfig(env),
    mode: env.NODE_ENV === "production" ? "production" : "development",
  });

  // The address mail links are built on (server.publicUrl) is this one's origin.
  const url = env.PUBLIC_URL ?? server.url;
  const accounts = demoUsers.map((u) => `    ${roleNames[u.role].padEnd(14)} ${u.email}`).join("\n");
  console.log(
    `\nSamhällsforum är igång: ${url}\n` +
      `Databas: ${database.kind === "pglite" ? `inbyggd PGlite i ${database.location}` : database.location}\n\n` +
      `Demokonton (lösenord för alla: ${demoPassword}):\n${accounts}\n`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "Stänger ner");
    try {
      await server.close();
    } finally {
      await database.close();
      process.exit(0);
    }
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

await main();
