import type { IncomingMessage } from "node:http";
import type { Response } from "express";

function originOf(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}

/** The request's own origin, as the browser sees it (behind a trusted proxy, X-Forwarded-Proto counts). */
function ownOrigins(req: IncomingMessage): string[] {
  const host = req.headers["x-forwarded-host"] ?? req.headers.host;
  if (!host) return [];
  const forwarded = String(req.headers["x-forwarded-proto"] ?? "")
    .split(",")[0]
    .trim();
  const protocols = forwarded ? [forwarded] : ["http", "https"];
  return protocols.map((p) => `${p}://${host}`);
}

/**
 * The site origin a request came from, or null when it is not the site itself.
 *
 * When the Origin header is present it decides alone: `Origin: null` (sandboxed frames, some
 * redirects, file: pages) and unreadable values are refused even with a same-site Referer, since
 * Remix would refuse them later with a 500. Only without an Origin does the Referer count.
 * A request with neither is refused too: every browser sends Origin on POST.
 */
export function sameSiteOrigin(req: IncomingMessage, allowed: string[] = []): string | null {
  const header = req.headers.origin;
  const origin = header !== undefined ? originOf(header) : originOf(req.headers.referer);
  if (!origin) return null;
  return ownOrigins(req).includes(origin) || allowed.includes(origin) ? origin : null;
}

/** True when the request's Origin (or, failing that, its Referer) is the site itself. */
export function isSameOrigin(req: IncomingMessage, allowed: string[] = []): boolean {
  return sameSiteOrigin(req, allowed) !== null;
}

/** Remembers the Origin header the check accepted, for the step that hands the request to Remix. */
export function rememberAcceptedOrigin(req: IncomingMessage, res: Response, origin: string): void {
  if (req.headers.origin !== undefined) res.locals.acceptedOrigin = origin;
}

export function acceptedOriginOf(res: Response): string | undefined {
  return res.locals.acceptedOrigin as string | undefined;
}
