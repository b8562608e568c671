import crypto from "node:crypto";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import type { Request } from "express";
import { PageCache, hashPolicy } from "./page-cache";

const policy =
  "default-src 'self';script-src 'self' 'nonce-abc123==' 'strict-dynamic';style-src 'self';object-src 'none';base-uri 'none'";

function request(method: string, url: string, cookie?: string): Request {
  return { method, originalUrl: url, headers: cookie === undefined ? {} : { cookie } } as unknown as Request;
}

function sha256(text: string) {
  return `'sha256-${crypto.createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

function page(
  html: string | Buffer,
  csp: string | undefined = policy.replace("abc123==", "n1"),
  nonce: string | undefined = "n1",
) {
  return {
    body: Buffer.isBuffer(html) ? html : Buffer.from(html),
    headers: [["content-type", "text/html; charset=utf-8"]] as [string, string][],
    csp,
    nonce,
  };
}

/** A body gzip cannot shrink, so an entry's size (plain + gzip) is known to within a few dozen bytes. */
function incompressible(bytes: number) {
  return Buffer.concat([Buffer.from("<html>"), crypto.randomBytes(bytes), Buffer.from("</html>")]);
}

describe("hashPolicy", () => {
  it("swaps the nonce for the hashes and drops 'strict-dynamic', leaving the other directives alone", () => {
    const result = hashPolicy(policy, "abc123==", ["'sha256-AAA='", "'sha256-BBB='"]);
    expect(result).toBe(
      "default-src 'self';script-src 'self' 'sha256-AAA=' 'sha256-BBB=';style-src 'self';object-src 'none';base-uri 'none'",
    );
  });

  it("lists a hash once however many scripts share it", () => {
    expect(hashPolicy(policy, "abc123==", ["'sha256-A='", "'sha256-A='", "'sha256-B='"])).toContain(
      "script-src 'self' 'sha256-A=' 'sha256-B=';",
    );
  });

  it("leaves only 'self' when the page has no inline script", () => {
    expect(hashPolicy(policy, "abc123==", [])).toBe(
      "default-src 'self';script-src 'self';style-src 'self';object-src 'none';base-uri 'none'",
    );
  });

  it("refuses a policy it does not understand: no nonce, or another nonce than the page's", () => {
    expect(hashPolicy(policy, undefined, ["'sha256-A='"])).toBeUndefined();
    expect(hashPolicy(policy, "", ["'sha256-A='"])).toBeUndefined();
    expect(hashPolicy(policy, "other", ["'sha256-A='"])).toBeUndefined();
    expect(hashPolicy("default-src 'self'", "abc123==", ["'sha256-A='"])).toBeUndefined();
  });
});

describe("PageCache.keyFor", () => {
  const cache = new PageCache({ ttlMs: 1_000 });

  it("keys a GET by URL and the language the page is rendered in", () => {
    const swedish = cache.keyFor(request("GET", "/ideer/1"));
    expect(swedish).not.toBeNull();
    expect(cache.keyFor(request("GET", "/ideer/1", "sf_lang=sv"))).toBe(swedish);
    expect(cache.keyFor(request("GET", "/ideer/1", ""))).toBe(swedish);
    const english = cache.keyFor(request("GET", "/ideer/1", "sf_lang=en"));
    expect(english).not.toBeNull();
    expect(english).not.toBe(swedish);
    expect(cache.keyFor(request("GET", "/ideer/1", "sf_lang=en;"))).toBe(english);
    expect(cache.keyFor(request("GET", "/ideer/2"))).not.toBe(swedish);
    expect(cache.keyFor(request("GET", "/ideer/1?efter=5"))).not.toBe(swedish);
  });

  it("takes the language as the render does, so an odd cookie lands under the right key", () => {
    const swedish = cache.keyFor(request("GET", "/"));
    const english = cache.keyFor(request("GET", "/", "sf_lang=en"));
    // getLocale reads the first sf_lang and only a value right after "=": these render Swedish, English.
    expect(cache.keyFor(request("GET", "/", "sf_lang= en"))).toBe(swedish);
    expect(cache.keyFor(request("GET", "/", "sf_lang=xx"))).toBe(swedish);
    expect(cache.keyFor(request("GET", "/", "sf_lang=en; sf_lang=sv"))).toBe(english);
    expect(cache.keyFor(request("GET", "/", "sf_lang=sv; sf_lang=en"))).toBe(swedish);
  });

  it("passes by any other cookie and any other method", () => {
    expect(cache.keyFor(request("GET", "/", "sf_session=abc"))).toBeNull();
    expect(cache.keyFor(request("GET", "/", "sf_lang=en; sf_session=abc"))).toBeNull();
    expect(cache.keyFor(request("GET", "/", "other"))).toBeNull();
    expect(cache.keyFor(request("POST", "/"))).toBeNull();
    expect(cache.keyFor(request("HEAD", "/"))).toBeNull();
  });
});

describe("PageCache", () => {
  it("stores a page with its gzip, an ETag and a policy naming its inline scripts", () => {
    const cache = new PageCache({ ttlMs: 1_000 });
    const html =
      '<html><head><script nonce="n1">window.a=1;</script><script type="module" src="/build/x.js" nonce="n1"></script></head>' +
      '<body><script nonce="n1">\nimport("/build/y.js");\n</script></body></html>';
    expect(cache.set("k", cache.generation, page(html))).toBe(true);
    const entry = cache.get("k")!;
    expect(entry.plain.toString()).toBe(html);
    expect(zlib.gunzipSync(entry.gzip).toString()).toBe(html);
    expect(entry.etag).toMatch(/^"[\w-]+"$/);
    expect(entry.csp).toContain(`script-src 'self' ${sha256("window.a=1;")} ${sha256('\nimport("/build/y.js");\n')};`);
    expect(entry.csp).not.toContain("nonce");
  });

  it("allows only the scripts that carry the render's nonce, so injected markup stays blocked", () => {
    const cache = new PageCache({ ttlMs: 1_000 });
    const html =
      '<html><body><script nonce="n1">own();</script><p><script>injected();</script>' +
      '<script nonce="guessed">guessed();</script></p></body></html>';
    expect(cache.set("k", cache.generation, page(html))).toBe(true);
    const csp = cache.get("k")!.csp!;
    expect(csp).toContain(sha256("own();"));
    expect(csp).not.toContain(sha256("injected();"));
    expect(csp).not.toContain(sha256("guessed();"));
    expect(csp.match(/'sha256-/g)).toHaveLength(1);
  });

  it("does not store a page whose policy has no nonce it can swap", () => {
    const cache = new PageCache({ ttlMs: 1_000 });
    expect(cache.set("k", cache.generation, page("<html></html>", "default-src 'self'"))).toBe(false);
    expect(cache.set("k", cache.generation, page("<html></html>", policy, undefined))).toBe(false);
    expect(cache.get("k")).toBeUndefined();
  });

  it("refuses a page whose render began before a purge", async () => {
    const purges: string[] = [];
    const cache = new PageCache({ ttlMs: 1_000, onPurge: () => purges.push("told") });
    const began = cache.generation;
    cache.purge();
    expect(cache.set("k", began, page("<html></html>"))).toBe(false);
    expect(cache.get("k")).toBeUndefined();
    expect(cache.set("k", cache.generation, page("<html></html>"))).toBe(true);
    // A purge announced by another process empties this one but is not announced again.
    cache.purge(true);
    expect(cache.size).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(purges).toEqual(["told"]);
  });

  it("announces the purges of one moment to other processes once", async () => {
    const purges: string[] = [];
    const cache = new PageCache({ ttlMs: 1_000, onPurge: () => purges.push("told") });
    cache.purge();
    cache.purge();
    cache.purge();
    expect(cache.generation).toBe(3);
    await new Promise((resolve) => setImmediate(resolve));
    expect(purges).toEqual(["told"]);
    cache.purge();
    await new Promise((resolve) => setImmediate(resolve));
    expect(purges).toEqual(["told", "told"]);
  });

  it("lets an entry expire after ttlMs", () => {
    const cache = new PageCache({ ttlMs: 1_000 });
    cache.set("k", cache.generation, page("<html></html>"));
    // Read after the entry is stored: on a busy machine a millisecond or two pass in between, and the
    // entry then expires that much later than a clock read before it.
    const now = Date.now();
    expect(cache.get("k", now + 500)).toBeDefined();
    expect(cache.get("k", now + 1_001)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("drops the oldest entries beyond maxBytes and refuses one larger than a quarter of it", () => {
    // Each entry is about 2,000 bytes (1,000 plain and as much gzipped): four fit, five do not.
    const cache = new PageCache({ ttlMs: 60_000, maxBytes: 9_000 });
    for (const key of ["a", "b", "c", "d"]) expect(cache.set(key, cache.generation, page(incompressible(1_000)))).toBe(true);
    expect(cache.size).toBe(4);
    expect(cache.set("e", cache.generation, page(incompressible(1_000)))).toBe(true);
    expect(cache.get("a")).toBeUndefined();
    for (const key of ["b", "c", "d", "e"]) expect(cache.get(key), key).toBeDefined();
    // Replacing an entry counts its bytes once: nothing else has to go.
    expect(cache.set("c", cache.generation, page(incompressible(1_000)))).toBe(true);
    for (const key of ["b", "c", "d", "e"]) expect(cache.get(key), key).toBeDefined();
    expect(cache.set("huge", cache.generation, page(incompressible(1_500)))).toBe(false);
    expect(cache.size).toBe(4);
    // After a purge the count starts from zero again.
    cache.purge();
    for (const key of ["f", "g", "h", "i"]) cache.set(key, cache.generation, page(incompressible(1_000)));
    expect(cache.size).toBe(4);
  });
});
