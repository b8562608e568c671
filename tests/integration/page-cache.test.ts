import crypto from "node:crypto";
import http from "node:http";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { startServerPair, startTestServer, type ServerPair, type TestServer } from "../support/server";
import { HttpClient } from "../support/http";
import { databaseKinds, type TestDatabase } from "../support/databases";
import type { RunningServer } from "../../server/start";
import type { Database } from "../../db/client";
import { ideas } from "../../db/schema";
import { createIdea } from "../../app/domain/ideas/ideas.server";
import { createComment } from "../../app/domain/comments/comments.server";
import { userId } from "./ideas-fixtures";
import { attr, elements, visibleText } from "../support/html";
import { copy } from "../support/copy";

/** A GET with exactly the headers given (no cookie jar), as a visitor's browser would send it. */
async function get(server: { url: string }, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(new URL(path, server.url), { headers, redirect: "manual" });
  return {
    status: response.status,
    cache: response.headers.get("x-page-cache"),
    headers: response.headers,
    body: await response.text(),
  };
}

/** A GET that keeps the bytes as sent (fetch would decompress gzip by itself). */
function rawGet(server: TestServer, path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(new URL(path, server.url), { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }),
        );
        response.on("error", reject);
      })
      .on("error", reject);
  });
}

/**
 * The SHA-256 sources of every inline script of a page, found by walking the markup (not with the
 * server's regular expression): each <script> without src, its text up to </script>.
 */
function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  let at = 0;
  for (;;) {
    const start = html.indexOf("<script", at);
    if (start < 0) break;
    const tagEnd = html.indexOf(">", start);
    const close = html.indexOf("</script>", tagEnd);
    const openTag = html.slice(start, tagEnd + 1);
    if (!/\ssrc=/.test(openTag)) {
      hashes.push(
        `'sha256-${crypto
          .createHash("sha256")
          .update(html.slice(tagEnd + 1, close))
          .digest("base64")}'`,
      );
    }
    at = close + "</script>".length;
  }
  return hashes;
}

function scriptSources(csp: string | null): string[] {
  const directive = (csp ?? "").split(";").find((part) => part.trim().startsWith("script-src"));
  return directive ? directive.trim().split(/\s+/).slice(1) : [];
}

async function createTestIdea(server: { database: Database }, title: string) {
  const [challenge] = await server.database.rows<{ id: number }>(
    sql`select id from challenges where status = 'open' order by id limit 1`,
  );
  const created = await createIdea(server.database.db, {
    challengeId: challenge.id,
    authorId: await userId(server.database.db, "labbet@example.se"),
    title,
    body: "En idé som bara testet läser.",
  });
  if (!created.ok) throw new Error(`could not create the idea: ${created.problem}`);
  return { id: created.ideaId, path: `/ideer/${created.ideaId}` };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(databaseKinds)("cache of anonymous pages on %s", (kind) => {
  let server: TestServer;
  let shortLived: TestServer;
  let erik: HttpClient;
  let idea: { id: number; path: string };

  beforeAll(async () => {
    [server, shortLived] = await Promise.all([
      startTestServer(kind, { pageCacheSeconds: 60 }),
      startTestServer(kind, { pageCacheSeconds: 1 }),
    ]);
    idea = await createTestIdea(server, "Cykelparkering vid stationen");
    erik = new HttpClient(server.url);
    await erik.login("invanare2@example.se");
  });
  afterAll(async () => {
    await Promise.all([server?.close(), shortLived?.close()]);
  });

  it("answers the second anonymous GET of an idea page from memory with the same page", async () => {
    const first = await get(server, idea.path);
    const second = await get(server, idea.path);
    expect(first.status).toBe(200);
    expect(first.cache).toBe("miss");
    expect(second.status).toBe(200);
    expect(second.cache).toBe("hit");
    expect(second.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(second.body).toBe(first.body);
    expect(visibleText(second.body)).toContain("Cykelparkering vid stationen");
    // The headers every answer carries are on a cached one too.
    expect(second.headers.get("x-content-type-options")).toBe("nosniff");
    expect(second.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(second.headers.get("vary")).toMatch(/Cookie/);
  });

  it("passes a signed-in reader by and never shows their page to anyone else", async () => {
    await get(server, idea.path);
    expect((await get(server, idea.path)).cache).toBe("hit");

    const signedIn = await erik.get(idea.path);
    const signedInHtml = await signedIn.text();
    expect(signedIn.headers.get("x-page-cache")).toBe("bypass");
    // Signed-in UI: the account link, notices and the comment form; the user's name in the page's data.
    expect(signedInHtml).toContain('"displayName\\",\\"Erik Grannsson\\"');
    expect(visibleText(signedInHtml)).toContain(copy("nav.account"));
    expect(visibleText(signedInHtml)).toContain(copy("nav.notifications"));
    expect(signedInHtml).toContain('name="intent" value="comment"');
    expect(visibleText(signedInHtml)).not.toContain(copy("comment.signIn"));

    for (const expected of ["hit", "hit"]) {
      const anonymous = await get(server, idea.path);
      expect(anonymous.cache).toBe(expected);
      expect(anonymous.body).not.toContain("Erik Grannsson");
      expect(visibleText(anonymous.body)).toContain(copy("comment.signIn"));
      expect(visibleText(anonymous.body)).not.toContain(copy("nav.account"));
    }
    // Nor after a cold cache: the signed-in render was not stored.
    server.pageCache!.purge();
    await erik.get(idea.path);
    const cold = await get(server, idea.path);
    expect(cold.cache).toBe("miss");
    expect(cold.body).not.toContain("Erik Grannsson");
  });

  it("shows a comment posted over HTTP on the next anonymous GET", async () => {
    await get(server, idea.path);
    expect((await get(server, idea.path)).cache).toBe("hit");
    const posted = await erik.post(idea.path, { intent: "comment", body: "Ställ cykelställen under tak." });
    expect(posted.status).toBe(302);
    const after = await get(server, idea.path);
    expect(after.cache).toBe("miss");
    expect(visibleText(after.body)).toContain("Ställ cykelställen under tak.");
    const again = await get(server, idea.path);
    expect(again.cache).toBe("hit");
    expect(visibleText(again.body)).toContain("Ställ cykelställen under tak.");
  });

  it("keeps Swedish and English pages apart, whatever shape the language cookie has", async () => {
    const lang = (body: string) => attr(elements(body, "html")[0], "lang");
    // Odd cookies first, on a cold cache: were they keyed by their raw value, they would store one
    // language's page where the other language's visitors look.
    server.pageCache!.purge();
    expect(lang((await get(server, idea.path, { cookie: "sf_lang= en" })).body)).toBe("sv");
    expect(lang((await get(server, idea.path, { cookie: "sf_lang=en; sf_lang=sv" })).body)).toBe("en");

    for (const cookie of ["sf_lang=en", "sf_lang=en"]) {
      const english = await get(server, idea.path, { cookie });
      expect(english.cache).toBe("hit");
      expect(lang(english.body)).toBe("en");
      expect(visibleText(english.body)).toContain("Sign in to comment");
    }
    for (const headers of [{}, { cookie: "sf_lang=sv" }, {}] as Record<string, string>[]) {
      const swedish = await get(server, idea.path, headers);
      expect(swedish.cache).toBe("hit");
      expect(lang(swedish.body)).toBe("sv");
      expect(visibleText(swedish.body)).toContain(copy("comment.signIn"));
    }
  });

  it("passes by a request with any other cookie", async () => {
    await get(server, idea.path);
    expect((await get(server, idea.path)).cache).toBe("hit");
    for (const cookie of ["other=1", "sf_lang=en; other=1", "sf_session=made-up"]) {
      const answer = await get(server, idea.path, { cookie });
      expect(answer.status, cookie).toBe(200);
      expect(answer.cache, cookie).toBe("bypass");
    }
  });

  it("leaves the build's files to the static handler", async () => {
    const page = await get(server, idea.path);
    const script =
      /<script[^>]*type="module"[^>]*>[\s\S]*?import "(\/build\/[^"]+\.js)"/.exec(page.body)?.[1] ??
      /href="(\/build\/[^"]+\.js)"/.exec(page.body)?.[1];
    expect(script, "a /build/ script in the page").toBeDefined();
    const asset = await get(server, script!);
    expect(asset.status).toBe(200);
    expect(asset.cache).toBeNull();
  });

  it("never stores an answer other than 200", async () => {
    for (let i = 0; i < 2; i++) {
      const missing = await get(server, "/ideer/999999");
      expect(missing.status).toBe(404);
      expect(missing.cache).toBe("miss");
    }
    // A redirect (an anonymous visitor on a page that needs a sign-in) is not stored either.
    for (let i = 0; i < 2; i++) {
      const redirected = await get(server, "/konto");
      expect(redirected.status).toBe(302);
      expect(redirected.cache).toBe("miss");
    }
  });

  it("answers If-None-Match with the current ETag by 304", async () => {
    await get(server, idea.path);
    const hit = await get(server, idea.path);
    const etag = hit.headers.get("etag");
    expect(hit.cache).toBe("hit");
    expect(etag).toMatch(/^"[\w-]+"$/);
    const unchanged = await get(server, idea.path, { "if-none-match": etag! });
    expect(unchanged.status).toBe(304);
    expect(unchanged.body).toBe("");
    expect(unchanged.headers.get("etag")).toBe(etag);
    expect((await get(server, idea.path, { "if-none-match": `"other", W/${etag}` })).status).toBe(304);
    const stale = await get(server, idea.path, { "if-none-match": '"not-this-page"' });
    expect(stale.status).toBe(200);
    expect(stale.body).toBe(hit.body);
  });

  it("sends a stored page gzipped to a client that accepts it", async () => {
    await get(server, idea.path);
    const plain = await get(server, idea.path);
    expect(plain.cache).toBe("hit");
    const zipped = await rawGet(server, idea.path, { "accept-encoding": "gzip, deflate, br" });
    expect(zipped.status).toBe(200);
    expect(zipped.headers["x-page-cache"]).toBe("hit");
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(Number(zipped.headers["content-length"])).toBe(zipped.body.length);
    expect(zipped.body.length).toBeLessThan(Buffer.byteLength(plain.body) / 2);
    expect(zlib.gunzipSync(zipped.body).toString("utf8")).toBe(plain.body);
    const identity = await rawGet(server, idea.path, { "accept-encoding": "identity" });
    expect(identity.headers["content-encoding"]).toBeUndefined();
    expect(identity.body.toString("utf8")).toBe(plain.body);
  });

  it("allows the scripts of a cached page by their hashes, without a nonce or 'strict-dynamic'", async () => {
    const fresh = await get(server, `${idea.path}?csp`);
    expect(fresh.cache).toBe("miss");
    expect(scriptSources(fresh.headers.get("content-security-policy"))).toContain("'strict-dynamic'");
    const nonce = fresh.headers.get("content-security-policy")!.match(/'nonce-([^']+)'/)![1];
    const hit = await get(server, `${idea.path}?csp`);
    expect(hit.cache).toBe("hit");
    // The stored page is the first render: every script in it carries that render's nonce.
    const scripts = elements(hit.body, "script");
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(attr(script, "nonce")).toBe(nonce);
    const csp = hit.headers.get("content-security-policy")!;
    expect(csp).not.toContain("'nonce-");
    expect(csp).not.toContain("'strict-dynamic'");
    expect(csp).not.toContain("'unsafe-inline'");
    const expected = inlineScriptHashes(hit.body);
    expect(expected.length).toBeGreaterThanOrEqual(3);
    const sources = scriptSources(csp);
    expect(sources.filter((source) => source.startsWith("'sha256-")).sort()).toEqual([...new Set(expected)].sort());
    expect(sources.filter((source) => !source.startsWith("'sha256-"))).toEqual(["'self'"]);
    // The other directives are those of a fresh answer.
    const others = (policy: string) => policy.split(";").filter((part) => !part.trim().startsWith("script-src"));
    expect(others(csp)).toEqual(others(fresh.headers.get("content-security-policy")!));
  });

  it("empties itself when a live event is published, and not before", async () => {
    const [author] = await server.database.rows<{ id: string }>(sql`select id from users where email = 'invanare@example.se'`);
    await get(server, idea.path);
    expect((await get(server, idea.path)).cache).toBe("hit");
    // A write the server does not see yet: the stored page is what it was.
    const created = await createComment(server.database.db, { ideaId: idea.id, authorId: author.id, body: "Skrivet utan HTTP." });
    if (!created.ok) throw new Error(created.problem);
    const stale = await get(server, idea.path);
    expect(stale.cache).toBe("hit");
    expect(stale.body).not.toContain("Skrivet utan HTTP.");
    // The route would publish the write's events after commit; that empties the cache.
    server.live.publish(created.events);
    const fresh = await get(server, idea.path);
    expect(fresh.cache).toBe("miss");
    expect(visibleText(fresh.body)).toContain("Skrivet utan HTTP.");
  });

  it("empties itself on a support given over HTTP (a POST and its live event)", async () => {
    const count = (body: string) => visibleText(body).match(/(\d+) stöd/)?.[1];
    const before = await get(server, idea.path);
    expect((await get(server, idea.path)).cache).toBe("hit");
    expect((await erik.post(idea.path, { intent: "support", value: "on" })).status).toBe(302);
    const after = await get(server, idea.path);
    expect(after.cache).toBe("miss");
    expect(Number(count(after.body))).toBe(Number(count(before.body)) + 1);
  });

  it("lets an entry expire after its time", async () => {
    const short = await createTestIdea(shortLived, "Idé som åldras");
    expect((await get(shortLived, short.path)).cache).toBe("miss");
    expect((await get(shortLived, short.path)).cache).toBe("hit");
    await sleep(1_100);
    expect((await get(shortLived, short.path)).cache).toBe("miss");
    expect((await get(shortLived, short.path)).cache).toBe("hit");
  });

  it("shows a direct write to the database after the cache's time at the latest", async () => {
    const short = await createTestIdea(shortLived, "Titel före ändringen");
    await get(shortLived, short.path);
    const started = Date.now();
    await shortLived.database.db.update(ideas).set({ title: "Titel efter ändringen" }).where(eq(ideas.id, short.id));
    let seen: string | undefined;
    while (Date.now() - started < 3_000) {
      const { body } = await get(shortLived, short.path);
      if (visibleText(body).includes("Titel efter ändringen")) {
        seen = body;
        break;
      }
      await sleep(100);
    }
    expect(seen, "the new title was never shown").toBeDefined();
    // The entry was stored before `started`, so it is gone within its 1 s (plus a poll and a render).
    expect(Date.now() - started).toBeLessThan(1_700);
  });
});

const postgresUrl = process.env.TEST_DATABASE_URL;

/** Two processes on one PostgreSQL database: a write through one empties the other's cache too. */
describe.skipIf(!postgresUrl)("cache of anonymous pages across processes (postgres)", () => {
  let pair: ServerPair;
  let database: TestDatabase;
  let a: RunningServer;
  let b: RunningServer;

  beforeAll(async () => {
    pair = await startServerPair(postgresUrl!, { pageCacheSeconds: 60 });
    ({ database, a, b } = pair);
  });
  afterAll(() => pair?.close());

  /** Waits until process B has emptied its cache since `generation` (a purge announced by A), and then hears of none for a moment. */
  async function purgedOnB(generation: number) {
    const started = Date.now();
    while (b.pageCache!.generation === generation) {
      if (Date.now() - started > 5_000) throw new Error("process B never heard of the purge");
      await sleep(10);
    }
    for (let seen = b.pageCache!.generation; ; seen = b.pageCache!.generation) {
      await sleep(200);
      if (b.pageCache!.generation === seen) return;
    }
  }

  it("shows on process B a comment posted over HTTP to process A, on the next anonymous GET", async () => {
    const idea = await createTestIdea({ database }, "Laddstolpar vid simhallen");
    // Signing in is a write too: its purge reaches B first, so that it cannot empty B's cache later in the test.
    const erik = new HttpClient(a.url);
    const beforeLogin = b.pageCache!.generation;
    await erik.login("invanare2@example.se");
    await purgedOnB(beforeLogin);

    expect((await get(b, idea.path)).cache).toBe("miss");
    const stored = await get(b, idea.path);
    expect(stored.cache).toBe("hit");
    expect(visibleText(stored.body)).toContain("Laddstolpar vid simhallen");
    expect(visibleText(stored.body)).not.toContain("Ställ laddstolparna vid entrén.");

    const generation = b.pageCache!.generation;
    const posted = await erik.post(idea.path, { intent: "comment", body: "Ställ laddstolparna vid entrén." });
    expect(posted.status).toBe(302);
    // B learns of the write through the socket.io adapter, after A's commit; until then it may still answer from memory.
    const started = Date.now();
    let next = await get(b, idea.path);
    while (next.cache === "hit" && Date.now() - started < 5_000) {
      await sleep(20);
      next = await get(b, idea.path);
    }
    expect(next.cache).toBe("miss");
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(b.pageCache!.generation).toBeGreaterThan(generation);
    expect(visibleText(next.body)).toContain("Ställ laddstolparna vid entrén.");
    // Once the write's purges are through, B stores the new page again.
    await purgedOnB(generation);
    await get(b, idea.path);
    const again = await get(b, idea.path);
    expect(again.cache).toBe("hit");
    expect(visibleText(again.body)).toContain("Ställ laddstolparna vid entrén.");
  });
});
