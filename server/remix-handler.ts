import type { Request as ExpressRequest, Response as ExpressResponse, NextFunction } from "express";
import {
  createReadableStreamFromReadable,
  createRequestHandler as createRemixRequestHandler,
  writeReadableStreamToWritable,
  type AppLoadContext,
  type ServerBuild,
} from "@remix-run/node";
import { acceptedOriginOf } from "./origin";
import { cleanedFormBodyOf } from "./request-hygiene";

export interface RemixHandlerOptions {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: string;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
  /** PUBLIC_URL: when set, Remix sees every request at this address (links in feeds and mails use it). */
  publicUrl?: string;
}

/**
 * The Express → Remix step (what @remix-run/express does), with two differences:
 *
 * - The body Remix reads is the one server/request-hygiene.ts cleaned, not the raw stream.
 * - Remix checks a write's Origin against Host (or X-Forwarded-Host) itself and answers a mismatch
 *   with a 500. A proxy that sets Host to the backend's address makes every form post such a
 *   mismatch. The site's own check (server/origin.ts) ran first and knows PUBLIC_URL, so Remix is
 *   shown the host of the Origin that check accepted.
 */
export function createRemixHandler(options: RemixHandlerOptions) {
  const handle = createRemixRequestHandler(options.build, options.mode);
  const publicOrigin = options.publicUrl ? new URL(options.publicUrl).origin : undefined;
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const request = remixRequest(req, res, publicOrigin);
      const response = await handle(request, options.getLoadContext(req, res));
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}

function remixRequest(req: ExpressRequest, res: ExpressResponse, publicOrigin: string | undefined): Request {
  const headers = new Headers();
  for (const [key, values] of Object.entries(req.headers)) {
    if (values === undefined) continue;
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else headers.set(key, values);
  }
  const accepted = acceptedOriginOf(res);
  if (accepted) {
    headers.delete("x-forwarded-host");
    headers.set("host", new URL(accepted).host);
  }

  let base = publicOrigin;
  if (!base) {
    // As @remix-run/express: req.hostname follows "trust proxy"; the port comes from the headers.
    const portOf = (value: string | undefined) => Number.parseInt(value?.split(":")[1] ?? "", 10);
    const port = [portOf(req.get("X-Forwarded-Host")), portOf(req.get("host"))].find((p) => Number.isSafeInteger(p));
    base = `${req.protocol}://${req.hostname}${port ? `:${port}` : ""}`;
  }
  const url = new URL(req.originalUrl, base);

  let controller: AbortController | null = new AbortController();
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    const cleaned = cleanedFormBodyOf(res);
    if (cleaned) {
      init.body = cleaned as unknown as BodyInit;
      headers.set("content-length", String(cleaned.byteLength));
    } else {
      init.body = createReadableStreamFromReadable(req);
      init.duplex = "half";
    }
  }
  // Loaders and actions are aborted when the answer can no longer be sent (`close` without `finish`).
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  return new Request(url.href, init);
}

async function sendResponse(res: ExpressResponse, response: Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}
