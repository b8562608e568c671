import crypto from "node:crypto";
import zlib from "node:zlib";
import type { Request, Response, NextFunction, RequestHandler } from "express";
import { localeCookieName, localeFromCookies } from "../app/server-entry";
import { LRUCache } from "lru-cache";

/**
 * A short-lived cache of the HTML that visitors who are not signed in get (docs/decisions/008).
 *
 * Only a GET whose cookies are none or the language cookie is served from it or stored in it, and
 * only a complete 200 text/html answer that sets no cookie is stored, keyed by URL and language.
 * Every write empties it: any POST (when it starts and when it has been answered), every live event
 * the server publishes, and (with several processes) the same from the other processes. An entry
 * also expires after `ttlMs`, which bounds what a write the server never sees (a command-line tool)
 * and the page's relative times can lag.
 *
 * A stored page keeps its scripts' nonce, so a cached answer does not use nonces: its
 * Content-Security-Policy allows exactly the inline scripts of that page that carry the render's nonce,
 * by their SHA-256 hashes.
 */
export interface PageCacheOptions {
  ttlMs: number;
  /** Upper bound of the stored bytes (plain + gzip); the least recently used entries go first. */
  maxBytes?: number;
  /** Told about every purge that started here, so other processes can purge too. */
  onPurge?: () => void;
}

interface Entry {
  plain: Buffer;
  gzip: Buffer;
  etag: string;
  headers: [string, string][];
  csp: string | undefined;
  expires: number;
  size: number;
}

export type PageCacheStatus = "hit" | "miss" | "bypass";
export const pageCacheHeader = "X-Page-Cache";

const skippedHeaders = new Set([
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "date",
  "etag",
  "vary",
  "set-cookie",
  "content-security-policy",
  "x-page-cache",
]);
const inlineScript = /<script\b(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/gi;

export class PageCache {
  private entries: LRUCache<string, Entry>;
  private generationValue = 0;
  readonly ttlMs: number;
  private readonly maxBytes: number;
  private readonly onPurge?: () => void;
  private announcing = false;

  constructor(options: PageCacheOptions) {
    this.ttlMs = options.ttlMs;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.onPurge = options.onPurge;
    this.entries = new LRUCache({ maxSize: this.maxBytes, sizeCalculation: (entry) => entry.size });
  }

  /** Bumped by every purge: a page whose render began before a purge is not stored. */
  get generation(): number {
    return this.generationValue;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Drops every entry. `fromElsewhere` is for purges another process announced. */
  purge(fromElsewhere = false): void {
    this.generationValue++;
    this.entries.clear();
    if (fromElsewhere || !this.onPurge || this.announcing) return;
    // The purges of one write (its events, then its answer) go to the other processes as one message.
    this.announcing = true;
    setImmediate(() => {
      this.announcing = false;
      this.onPurge?.();
    });
  }

  /** The key of a request the cache may answer, or null for one it must pass through. */
  keyFor(req: Request): string | null {
    if (req.method !== "GET") return null;
    const cookies = req.headers.cookie ?? "";
    for (const part of cookies.split(";")) {
      const eq = part.indexOf("=");
      const name = (eq < 0 ? part : part.slice(0, eq)).trim();
      if (name && name !== localeCookieName) return null; // a session, or anything else that may change the page
    }
    // The language exactly as the render will find it, so that an odd cookie ("sf_lang= en", or the
    // cookie twice) cannot store one language's page under the other's key.
    const locale = localeFromCookies(cookies);
    return `${locale}\u0000${req.originalUrl}`;
  }

  get(key: string, now = Date.now()): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Stores a page unless a purge happened since its render began (`generation` then). */
  set(
    key: string,
    generation: number,
    page: { body: Buffer; headers: [string, string][]; csp: string | undefined; nonce: string | undefined },
  ): boolean {
    if (generation !== this.generationValue) return false;
    const html = page.body.toString("utf8");
    const hashes: string[] = [];
    for (const match of html.matchAll(inlineScript)) {
      // Only the render's own scripts, as the nonce would: markup that slipped into the page some
      // other way must stay blocked on a cached answer too.
      if (!page.nonce || !match[1].includes(`nonce="${page.nonce}"`)) continue;
      hashes.push(`'sha256-${crypto.createHash("sha256").update(match[2], "utf8").digest("base64")}'`);
    }
    const csp = page.csp === undefined ? undefined : hashPolicy(page.csp, page.nonce, hashes);
    if (page.csp !== undefined && csp === undefined) return false;
    const gzip = zlib.gzipSync(page.body, { level: 6 });
    const entry: Entry = {
      plain: page.body,
      gzip,
      etag: `"${crypto.createHash("sha1").update(page.body).digest("base64url")}"`,
      headers: page.headers,
      csp,
      expires: Date.now() + this.ttlMs,
      size: page.body.length + gzip.length,
    };
    if (entry.size > this.maxBytes / 4) return false;
    this.entries.set(key, entry);
    return true;
  }
}

/**
 * The policy of the fresh render with its nonce swapped for the hashes of the page's inline scripts.
 * 'strict-dynamic' goes too: it would switch off 'self', which the page's module preloads need once
 * they carry no valid nonce. Undefined when the policy is not the shape this expects (then the page
 * is not cached at all).
 */
export function hashPolicy(policy: string, nonce: string | undefined, hashes: string[]): string | undefined {
  if (!nonce) return undefined;
  const nonceSource = `'nonce-${nonce}'`;
  if (!policy.includes(nonceSource)) return undefined;
  const unique = [...new Set(hashes)].join(" ");
  return policy
    .replace(nonceSource, unique)
    .replace(/\s*'strict-dynamic'/g, "")
    .replace(/ {2,}/g, " ");
}

/** Answers from the cache, or marks the request so that `capturePages` stores its answer. */
export function servePages(cache: PageCache): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "GET" && req.method !== "HEAD" && req.method !== "OPTIONS") {
      // A write: whatever it changes must not be served from before it. 'close' comes after the
      // answer went out (or the client went away); a render that began before it is not stored.
      res.on("close", () => cache.purge());
      return next();
    }
    // The build's own files are the static handler's (immutable, long-cached): not pages.
    if (req.path.startsWith("/build/")) return next();
    const key = cache.keyFor(req);
    if (key === null) {
      if (req.method === "GET") res.setHeader(pageCacheHeader, "bypass");
      return next();
    }
    const entry = cache.get(key);
    if (!entry) {
      res.locals.pageCacheKey = key;
      res.locals.pageCacheGeneration = cache.generation;
      res.setHeader(pageCacheHeader, "miss");
      return next();
    }
    res.setHeader(pageCacheHeader, "hit");
    for (const [name, value] of entry.headers) res.setHeader(name, value);
    if (entry.csp) res.setHeader("Content-Security-Policy", entry.csp);
    else res.removeHeader("Content-Security-Policy");
    res.setHeader("ETag", entry.etag);
    res.setHeader("Vary", "Accept-Encoding, Cookie");
    const ifNoneMatch = req.headers["if-none-match"];
    if (ifNoneMatch && ifNoneMatch.split(",").some((tag) => tag.trim() === entry.etag || tag.trim() === `W/${entry.etag}`)) {
      res.statusCode = 304;
      res.end();
      return;
    }
    const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    const body = gzip ? entry.gzip : entry.plain;
    if (gzip) res.setHeader("Content-Encoding", "gzip");
    res.setHeader("Content-Length", body.length);
    res.statusCode = 200;
    res.end(body);
  };
}

/** Collects the answer to a request `servePages` marked, and stores it when it may be shared. */
export function capturePages(cache: PageCache): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const key = res.locals.pageCacheKey as string | undefined;
    if (key === undefined) return next();
    const generation = res.locals.pageCacheGeneration as number;
    const chunks: Buffer[] = [];
    let bytes = 0;
    let tooLarge = false;
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || tooLarge || typeof chunk === "function") return;
      const buffer = Buffer.isBuffer(chunk)
        ? chunk
        : chunk instanceof Uint8Array
          ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
          : Buffer.from(String(chunk), typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
      bytes += buffer.length;
      if (bytes > 4 * 1024 * 1024) tooLarge = true;
      else chunks.push(Buffer.from(buffer));
    };
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    (res as unknown as { write: (...args: unknown[]) => boolean }).write = (...args: unknown[]) => {
      keep(args[0], args[1]);
      return write(...args);
    };
    (res as unknown as { end: (...args: unknown[]) => Response }).end = (...args: unknown[]) => {
      keep(args[0], args[1]);
      const result = end(...args);
      // An answer that asks not to be kept (no-store, private) is not shared either.
      const cacheControl = String(res.getHeader("cache-control") ?? "");
      if (!tooLarge && res.statusCode === 200 && !res.getHeader("set-cookie") && !/\b(no-store|private)\b/i.test(cacheControl)) {
        const type = String(res.getHeader("content-type") ?? "");
        const body = Buffer.concat(chunks);
        // A render cut off part-way has no closing tag, and one where a part failed on the server
        // carries React's client-render marker: such a page is never shared. (Remix's hand-off of
        // the loader data comes after </html>, so the tag is not the last thing in the body.)
        if (type.startsWith("text/html") && body.includes("</html>") && !body.includes("<!--$!-->")) {
          const headers: [string, string][] = [];
          for (const [name, value] of Object.entries(res.getHeaders())) {
            if (value === undefined || skippedHeaders.has(name)) continue;
            headers.push([name, Array.isArray(value) ? value.join(", ") : String(value)]);
          }
          cache.set(key, generation, {
            body,
            headers,
            csp: res.getHeader("content-security-policy") as string | undefined,
            nonce: res.locals.cspNonce as string | undefined,
          });
        }
      }
      return result;
    };
    next();
  };
}
