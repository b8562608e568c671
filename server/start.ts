import http from "node:http";
import path from "node:path";
import type { Logger } from "pino";
import type { ServerBuild } from "@remix-run/node";
import type { Database } from "../db/client";
import { createHttpApp } from "./http-app";
import { createRealtime } from "./realtime";

export interface StartOptions {
  database: Database;
  build: ServerBuild | (() => Promise<ServerBuild>);
  logger: Logger;
  port: number;
  host?: string;
  secureCookies?: boolean;
  publicUrl?: string;
  publicDir?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  httpServer: http.Server;
  close(): Promise<void>;
}

/** Starts Express and socket.io on one port. Used by server/index.ts and by the HTTP tests. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const allowedOrigins = options.publicUrl ? [new URL(options.publicUrl).origin] : [];
  const httpServer = http.createServer();
  const { io, gateway } = createRealtime(httpServer, options.database, allowedOrigins);
  const app = createHttpApp({
    database: options.database,
    build: options.build,
    live: gateway,
    logger: options.logger,
    secureCookies: options.secureCookies ?? false,
    publicDir: options.publicDir ?? path.resolve("public"),
    allowedOrigins,
  });
  httpServer.on("request", app);
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
    close: async () => {
      await io.close();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
