import http from "node:http";
import path from "node:path";
import type { Logger } from "pino";
import type { ServerBuild } from "@remix-run/node";
import type { Database } from "../db/client";
import type { LiveGateway } from "../app/realtime/events";
import { createHttpApp } from "./http-app";
import { createRealtime } from "./realtime";
import { attachPostgresAdapter } from "./live-adapter";
import { startPruneJob } from "./prune";
import { PageCache } from "./page-cache";

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
  /** PostgreSQL URL: when set, live events reach clients of every process on it (socket.io adapter). */
  databaseUrl?: string;
  /** Seconds an anonymous page may be served from memory (PAGE_CACHE_SECONDS); 0 or absent: off. */
  pageCacheSeconds?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  httpServer: http.Server;
  /** The same gateway routes reach through context.live (tests and benchmarks publish through it). */
  live: LiveGateway;
  pageCache?: PageCache;
  close(): Promise<void>;
}

/** Starts Express and socket.io on one port. Used by server/index.ts and by the HTTP tests. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
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
  const { io, gateway } = createRealtime(httpServer, options.database, { allowedOrigins, staffTwoFactor, logger: options.logger });
  const adapter = options.databaseUrl
    ? await attachPostgresAdapter(io, options.databaseUrl, (error) => options.logger.error({ err: error }, "socket.io adapter"))
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
    };
    pageCache = cache;
  }
  const stopPruning = startPruneJob(options.database, (error) => options.logger.warn({ err: error }, "pruning stored data failed"));
  app = createHttpApp({
    database: options.database,
    build: options.build,
    live,
    logger: options.logger,
    secureCookies: options.secureCookies ?? false,
    staffTwoFactor,
    publicDir: options.publicDir ?? path.resolve("public"),
    allowedOrigins,
    publicUrl: options.publicUrl,
    pageCache,
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port, options.host ?? "0.0.0.0", () => resolve());
  });
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    url: `http://localhost:${port}`,
    port,
    httpServer,
    live,
    pageCache,
    close: async () => {
      stopPruning();
      // io.close() closes the HTTP server too and waits for its connections; a client that never
      // read its response would hold that for the whole keep-alive timeout, so end them now.
      const ioClosed = io.close();
      httpServer.closeAllConnections();
      await ioClosed;
      await adapter?.close();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
