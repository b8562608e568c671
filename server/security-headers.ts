import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import helmet from "helmet";

/**
 * The security headers of every answer: pages and other Express answers (server/http-app.ts) and
 * the socket.io path (server/realtime.ts), from one helmet configuration.
 */
export interface SecurityHeadersOptions {
  /** Secure cookies mean HTTPS: HSTS and upgrade-insecure-requests. */
  secureCookies: boolean;
}

type Locals = { locals?: { cspNonce?: string } };
type Next = (error?: unknown) => void;

export function newCspNonce(): string {
  return crypto.randomBytes(16).toString("base64");
}

/**
 * Helmet's middleware. The CSP's `script-src` carries the answer's nonce, which the caller puts in
 * `res.locals.cspNonce` first (Express does it for pages; `withNonce` does it for other answers).
 */
export function securityHeaders(options: SecurityHeadersOptions) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'", (_req, res) => `'nonce-${(res as Locals).locals?.cspNonce}'`, "'strict-dynamic'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'", "ws:", "wss:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "upgrade-insecure-requests": options.secureCookies ? [] : null,
      },
    },
    strictTransportSecurity: options.secureCookies,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    crossOriginEmbedderPolicy: false,
  });
}

/**
 * The same headers for answers outside Express (socket.io's engine runs it as a middleware on
 * every polling answer, handshake error and WebSocket upgrade): a fresh nonce, then helmet.
 */
export function securityHeadersWithNonce(options: SecurityHeadersOptions) {
  const headers = securityHeaders(options);
  return (req: IncomingMessage, res: ServerResponse, next: Next) => {
    const target = res as ServerResponse & Locals;
    target.locals = { ...target.locals, cspNonce: newCspNonce() };
    headers(req, res, next);
  };
}
