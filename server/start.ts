import http from "node:http";
import path from "node:path";
import type { Logger } from "pino";
import type { ServerBuild } from "@remix-run/node";
import type { Database } from "../db/client";
import type { LiveGateway } from "../app/server-entry";
import { createHttpApp } from "./http-app";
import { createRealtime } from "./realtime";
import { attachPostgresAdapter } from "./live-adapter";
import { startPruneJob } from "./prune";
import { PageCache } from "./page-cache";
import { createMailer, type Mailer } from "./mailer";
import { startMailWorker, type MailWorker, type MailWorkerOptions } from "./mail-worker";
import { cachedSecret } from "../db/secrets";
import { openRateLimits } from "./rate-limits";
import { defaultConfig, type ServerConfig } from "./env";

/** Announced to the other processes (through the socket.io adapter) when this one empties its page cache. */
const purgeMessage = "page-cache:purge";

export interface StartOptions {
  database: Database;
  build: ServerBuild | (() => Promise<ServerBuild>);
  logger: Logger;
  port: number;
  host?: string;
  secureCookies?: boolean;
  /** STAFF_2FA; by default required when cookies are secure (production over HTTPS). */
  staffTwoFactor?: "required" | "optional";
  publicUrl?: string;
  publicDir?: string;
  /**
   * PostgreSQL URL: when set, live events reach clients of every process on it (socket.io adapter)
   * and rate-limit counters are shared by all of them (table rate_limits).
   */
  databaseUrl?: string;
  /** Seconds an anonymous page may be served from memory (PAGE_CACHE_SECONDS); 0 or absent: off. */
  pageCacheSeconds?: number;
  /**
   * Sessions, the contact form, write limits and mail (server/env.ts: serverConfig(readEnv()));
   * without it, the schema's defaults.
   */
  config?: ServerConfig;
  /** How mail leaves; by default made from config.mail (SMTP, or the outbox folder). */
  mailer?: Mailer;
  /** Remix's mode (NODE_ENV): production hides error details from pages. Development by default. */
  mode?: "production" | "development";
  /** Timing of the mail worker (tests make it quicker). */
  mailWorker?: Pick<MailWorkerOptions, "pollMs" | "maxAttempts" | "retryBaseMs" | "maxDelayMs" | "claimMs">;
  /** FORM_SECRET; without it the secret kept in the database (server_secrets) is used. */
  formSecret?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  httpServer: http.Server;
  /** The same gateway routes reach through context.live (tests and benchmarks publish through it). */
  live: LiveGateway;
  /** The origin every link in a mail is built on: publicUrl, or `url` without one. */
  publicUrl: string;
  mailWorker: MailWorker;
  pageCache?: PageCache;
  close(): Promise<void>;
}

/** Starts Express and socket.io on one port. Used by server/index.ts and by the HTTP tests. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const config = options.config ?? defaultConfig;
  const allowedOrigins = options.publicUrl ? [new URL(options.publicUrl).origin] : [];
  const httpServer = http.createServer();
  // Idle connections outlive a load balancer's (often 60 s) and clients' keep-alive, so the server
  // is never the side that closes a connection a client is about to reuse (ECONNRESET).
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  // socket.io wraps only the request listeners present when it attaches; a listener added later
  // would also answer /socket.io/ requests (two responses to one request). So Express comes first.
  let app: ReturnType<typeof createHttpApp> | undefined;
  httpServer.on("request", (req, res) => app!(req, res));
  const staffTwoFactor = options.staffTwoFactor ?? (options.secureCookies ? "required" : "optional");
  const { io, gateway } = createRealtime(httpServer, options.database, {
    allowedOrigins,
    secureCookies: options.secureCookies ?? false,
    staffTwoFactor,
    session: config.session,
    logger: options.logger,
  });
  const adapter = options.databaseUrl
    ? await attachPostgresAdapter(io, options.databaseUrl, {
        warn: (error, message) => options.logger.warn({ err: error }, message),
        error: (error, message) => options.logger.error({ err: error }, message),
      })
    : undefined;
  let pageCache: PageCache | undefined;
  let live: LiveGateway = gateway;
  if (options.pageCacheSeconds) {
    const cache = new PageCache({
      ttlMs: options.pageCacheSeconds * 1000,
      onPurge: adapter ? () => io.serverSideEmit(purgeMessage) : undefined,
    });
    if (adapter) io.on(purgeMessage, () => cache.purge(true));
    // Every live event changes some page: a comment, a count, a status.
    live = {
      publish: (events) => {
        if (events.length) cache.purge();
        gateway.publish(events);
      },
      disconnectUser: (userId) => gateway.disconnectUser(userId),
      refreshUser: (userId) => gateway.refreshUser(userId),
    };
    pageCache = cache;
  }
  // Known once the server listens (the printed address has its port); requests come only after that.
  let worker: MailWorker | undefined;
  const mail = { publicUrl: "", nudge: () => worker?.nudge() };
  const rateLimits = openRateLimits(options.databaseUrl, config.rateLimits, (error) =>
    options.logger.warn({ err: error }, "rate-limit store"),
  );
  const stopPruning = startPruneJob(options.database, config.session, (error) =>
    options.logger.warn({ err: error }, "pruning stored data failed"),
  );
  app = createHttpApp({
    database: options.database,
    build: options.build,
    live,
    rateLimits: rateLimits.limits,
    logger: options.logger,
    secureCookies: options.secureCookies ?? false,
    staffTwoFactor,
    publicDir: options.publicDir ?? path.resolve("public"),
    mode: options.mode ?? "development",
    config: { session: config.session, contact: config.contact },
    allowedOrigins,
    publicUrl: options.publicUrl,
    pageCache,
    mail,
    secrets: { form: cachedSecret(options.database.db, "form", options.formSecret) },
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port, options.host ?? "0.0.0.0", () => resolve());
  });
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const url = `http://localhost:${port}`;
  mail.publicUrl = options.publicUrl ? new URL(options.publicUrl).origin : url;
  worker = startMailWorker({
    database: options.database,
    mailer: options.mailer ?? createMailer(config.mail),
    publicUrl: mail.publicUrl,
    logger: options.logger,
    ...options.mailWorker,
  });
  const mailWorker = worker;
  return {
    url,
    port,
    publicUrl: mail.publicUrl,
    httpServer,
    live,
    pageCache,
    mailWorker,
    close: async () => {
      stopPruning();
      await mailWorker.stop();
      // io.close() closes the HTTP server too and waits for its connections; a client that never
      // read its response would hold that for the whole keep-alive timeout, so end them now.
      const ioClosed = io.close();
      httpServer.closeAllConnections();
      await ioClosed;
      await adapter?.close();
      await rateLimits.close();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
