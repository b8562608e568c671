import fs from "node:fs";
import path from "node:path";
import express, { type Request, type Response, type NextFunction } from "express";
import compression from "compression";
import { pinoHttp } from "pino-http";
import type { Logger } from "pino";
import type { ServerBuild } from "@remix-run/node";
import type { Database } from "../db/client";
import { type AppConfig, type LiveGateway, type RateLimits, serverMessage } from "../app/server-entry";
import { newCspNonce, securityHeaders } from "./security-headers";
import { rememberAcceptedOrigin, sameSiteOrigin } from "./origin";
import { createRemixHandler } from "./remix-handler";
import { answerExpressErrors, cleanFormBodies, refuseControlCharactersInUrl } from "./request-hygiene";
import { capturePages, servePages, type PageCache } from "./page-cache";

export interface HttpAppOptions {
  database: Database;
  build: ServerBuild | (() => Promise<ServerBuild>);
  live: LiveGateway;
  rateLimits: RateLimits;
  logger: Logger;
  secureCookies: boolean;
  staffTwoFactor: "required" | "optional";
  publicDir: string;
  /** Remix's mode: production hides error details from pages. */
  mode: "production" | "development";
  /** Reaches routes as context.config. */
  config: AppConfig;
  /** Trusted origin(s) besides the request's own Host (e.g. PUBLIC_URL behind a proxy). */
  allowedOrigins: string[];
  /** PUBLIC_URL: the address Remix sees every request at. */
  publicUrl?: string;
  /** Anonymous pages served from memory (server/page-cache.ts); none when absent. */
  pageCache?: PageCache;
  /** Reaches routes as context.mail; the public URL is known once the server listens. */
  mail: { readonly publicUrl: string; nudge(): void };
  /** Reaches routes as context.secrets. */
  secrets: { form(): Promise<string> };
}

const maxBodyBytes = 256 * 1024;

export function createHttpApp(options: HttpAppOptions) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");

  app.use(
    pinoHttp({
      logger: options.logger,
      autoLogging: { ignore: (req) => req.url?.startsWith("/build/") ?? false },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info"),
      serializers: {
        req: (req) => ({ method: req.method, url: req.url }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    }),
  );

  app.use((req, res, next) => {
    res.locals.cspNonce = newCspNonce();
    // A write may have queued mail: once it has answered (its transaction committed), the mail
    // worker looks at the outbox at once rather than at its next poll.
    if (req.method !== "GET" && req.method !== "HEAD") res.once("finish", () => options.mail.nudge());
    next();
  });

  app.use(securityHeaders({ secureCookies: options.secureCookies }));

  // NUL and other control characters: 400 in the path, dropped from the query, before anything reads them.
  app.use(refuseControlCharactersInUrl);

  // Before compression: a cached page is stored gzipped once, not compressed again on every hit.
  if (options.pageCache) app.use(servePages(options.pageCache));
  app.use(compression());

  app.get("/healthz", async (_req, res) => {
    const ok = await options.database.ping();
    res
      .status(ok ? 200 : 503)
      .type("text/plain; charset=utf-8")
      .send(ok ? "ok" : "Databasen svarar inte");
  });

  // Cross-site request forgery: a state-changing request must come from our own pages.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const origin = sameSiteOrigin(req, options.allowedOrigins);
    if (origin) {
      rememberAcceptedOrigin(req, res, origin);
      return next();
    }
    res.status(403).type("text/plain; charset=utf-8").send(serverMessage(req.headers.cookie, "refusal.foreignOrigin"));
  });

  // Bodies larger than any form needs are refused before they reach Remix. A body without a declared
  // length (chunked) could not be refused up front, and browsers always declare it for forms.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.headers["transfer-encoding"] && req.headers["content-length"] === undefined) {
      res.status(411).type("text/plain; charset=utf-8").send(serverMessage(req.headers.cookie, "refusal.lengthRequired"));
      return;
    }
    const length = Number(req.headers["content-length"] ?? 0);
    if (length > maxBodyBytes) {
      res.status(413).type("text/plain; charset=utf-8").send(serverMessage(req.headers.cookie, "refusal.tooLarge"));
      return;
    }
    next();
  });

  // Every form on the site is sent url-encoded (no uploads). Anything else would only fail inside
  // Remix's formData() as a 500, so it is refused here with words.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
    const empty = !req.headers["content-type"] && Number(req.headers["content-length"] ?? 0) === 0;
    if (empty || type === "application/x-www-form-urlencoded") return next();
    res.status(400).type("text/plain; charset=utf-8").send(serverMessage(req.headers.cookie, "refusal.formEncoding"));
  });

  // Control characters in form values are dropped here, once for every form (server/request-hygiene.ts).
  app.use(cleanFormBodies(maxBodyBytes));

  app.use("/build", express.static(path.join(options.publicDir, "build"), { immutable: true, maxAge: "1y" }));
  // The few files at the top of public/ (the favicon): only their names reach the file system, so
  // a page request costs no stat() of a file that is not there.
  const topLevelFiles = new Set(
    fs.existsSync(options.publicDir) ? fs.readdirSync(options.publicDir).filter((name) => name !== "build") : [],
  );
  const serveTopLevel = express.static(options.publicDir, { maxAge: "1h" });
  app.use((req: Request, res: Response, next: NextFunction) =>
    topLevelFiles.has(req.path.split("/")[1] ?? "") ? serveTopLevel(req, res, next) : next(),
  );

  if (options.pageCache) app.use(capturePages(options.pageCache));
  app.all(
    "*",
    createRemixHandler({
      build: options.build,
      mode: options.mode,
      publicUrl: options.publicUrl,
      getLoadContext: (req, res) => ({
        database: options.database,
        live: options.live,
        rateLimits: options.rateLimits,
        cspNonce: res.locals.cspNonce as string,
        secureCookies: options.secureCookies,
        staffTwoFactor: options.staffTwoFactor,
        clientIp: req.ip ?? "unknown",
        mail: { publicUrl: options.mail.publicUrl, nudge: options.mail.nudge },
        config: options.config,
        secrets: options.secrets,
        // Remix's data requests end in .data; every other GET answers with a document.
        documentHtml: req.path.endsWith(".data") ? null : new Map<string, string>(),
      }),
    }),
  );

  // Whatever still fails in Express's own layers answers with words (server/request-hygiene.ts).
  app.use(answerExpressErrors);

  return app;
}
