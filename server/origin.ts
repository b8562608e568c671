import type { IncomingMessage } from "node:http";

function originOf(value: string | undefined): string | null {
  if (!value) return null;
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

/** The request's own origin, as the browser sees it (behind a trusted proxy, X-Forwarded-Proto counts). */
function ownOrigins(req: IncomingMessage): string[] {
  const host = req.headers["x-forwarded-host"] ?? req.headers.host;
  if (!host) return [];
  const forwarded = String(req.headers["x-forwarded-proto"] ?? "").split(",")[0].trim();
  const protocols = forwarded ? [forwarded] : ["http", "https"];
  return protocols.map((p) => `${p}://${host}`);
}

/**
 * True when the request's Origin (or, failing that, its Referer) is the site itself.
 * A request with neither is refused too: every browser sends Origin on POST.
 */
export function isSameOrigin(req: IncomingMessage, allowed: string[] = []): boolean {
  const origin = originOf(req.headers.origin) ?? originOf(req.headers.referer);
  if (!origin) return false;
  return ownOrigins(req).includes(origin) || allowed.includes(origin);
}
