import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderMarkdown } from "../../app/domain/content/markdown.server";
import { databaseKinds } from "../support/databases";
import { HttpClient } from "../support/http";
import { startTestServer, unlimited, type TestServer } from "../support/server";
import { naughtyStrings, padded, xssPayloads } from "../support/hostile-strings";
import { executableMarkup } from "../support/html";
import { connectClient, connected } from "./live-support";

// Every string goes through every form; the per-user limits would otherwise answer most of them.
const rateLimits = { ideas: unlimited, comments: unlimited, votes: unlimited, reports: unlimited, barriers: unlimited };

const hostile = [...naughtyStrings, ...xssPayloads];

describe.each(databaseKinds)("hostile input on %s", (kind) => {
  let server: TestServer;
  let resident: HttpClient;
  let visitor: HttpClient;
  let ideaPath: string;

  beforeAll(async () => {
    server = await startTestServer(kind, { config: { rateLimits } });
    resident = new HttpClient(server.url);
    await resident.login("invanare2@example.se");
    visitor = new HttpClient(server.url);
    const created = await resident.post("/utmaningar/narvaro-i-skolan/ny-ide", {
      title: "Idé för elaka strängar",
      body: "Här provas fientlig text.",
    });
    expect(created.status).toBe(302);
    ideaPath = created.headers.get("location")!.split("#")[0];
  });
  afterAll(async () => {
    await server?.close();
  });

  it("answers every naughty string and XSS payload in every form without a 5xx", async () => {
    const serverErrors: string[] = [];
    const send = async (label: string, pending: Promise<Response>) => {
      const response = await pending;
      await response.arrayBuffer();
      if (response.status >= 500) serverErrors.push(`${label}: ${response.status}`);
    };
    // The forms of one string go in parallel; the strings one after another. Every string goes
    // through every field that is only read; the forms that store a row (comment, idea, barrier
    // report, display name) take every third string of the list and every XSS payload, since each
    // stored row also makes notifications, mail and live events. Every route of the build gets the
    // control-character, prototype-name and encoding payloads in tests/integration/hostile-requests.test.ts.
    for (const [i, s] of hostile.entries()) {
      const text = padded(s);
      const stores = i % 3 === 0 || i >= naughtyStrings.length;
      await Promise.all([
        ...(stores
          ? [
              send(`comment ${i}`, resident.post(ideaPath, { intent: "comment", body: text })),
              send(
                `idea ${i}`,
                resident.post("/utmaningar/narvaro-i-skolan/ny-ide", { title: padded(s.slice(0, 100), 6), body: text }),
              ),
              send(`barrier ${i}`, visitor.post("/tillganglighet", { page: s, description: text, contactEmail: s })),
              send(`name ${i}`, resident.post("/konto", { intent: "name", displayName: s })),
            ]
          : []),
        send(`preview ${i}`, resident.post("/forhandsgranska", { body: s })),
        send(`search ${i}`, visitor.get(`/sok?q=${encodeURIComponent(s)}&typ=${encodeURIComponent(s)}`)),
        send(`report ${i}`, resident.post("/rapportera", { typ: s, id: s, reason: s, note: s })),
        send(`language ${i}`, visitor.post("/sprak", { locale: s, redirectTo: s })),
        send(`follow ${i}`, resident.post("/folj", { targetType: s, targetId: s })),
        send(`vote ${i}`, resident.post(ideaPath, { intent: "vote", vote: s })),
        send(`intent ${i}`, resident.post(ideaPath, { intent: s })),
        send(`path ${i}`, visitor.get(`/ideer/${encodeURIComponent(s)}`)),
      ]);
      if (i % 20 === 0) {
        await send(`login ${i}`, visitor.post("/logga-in", { email: s, password: s }));
        await send(`register ${i}`, visitor.post("/registrera", { email: s, displayName: s, password: s }));
      }
    }
    expect(serverErrors).toEqual([]);
  }, 600_000);

  it("renders every stored hostile text inert", async () => {
    for (const s of xssPayloads) {
      const response = await resident.post(ideaPath, { intent: "comment", body: padded(s) });
      expect([302, 409]).toContain(response.status);
    }
    await resident.post("/konto", { intent: "name", displayName: `<img src=x onerror=alert(1)>` });
    const pages = [
      ideaPath,
      `${ideaPath}/historik`,
      "/utmaningar/narvaro-i-skolan",
      "/sok?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
      "/konto",
    ];
    for (const path of pages) {
      const response = await resident.get(path);
      expect(response.status, path).toBe(200);
      expect(executableMarkup(await response.text()), path).toEqual([]);
    }
  }, 120_000);

  it("refuses hostile socket messages with an answer, and keeps the connection", async () => {
    const socket = connectClient(server.url);
    try {
      await connected(socket);
      for (const s of hostile) {
        const asRoom = await socket.timeout(5_000).emitWithAck("subscribe", { room: s, after: s });
        expect(asRoom).toMatchObject({ ok: false });
        socket.emit("unsubscribe", s);
      }
      for (const message of [
        null,
        42,
        [],
        "idea:1",
        { room: "idea:1", after: -1 },
        { room: "idea:1", after: 1.5 },
        { room: { $ne: 1 } },
      ]) {
        expect(await socket.timeout(5_000).emitWithAck("subscribe", message)).toEqual({ ok: false, error: "invalid" });
      }
      expect(await socket.timeout(5_000).emitWithAck("subscribe", { room: "idea:1", after: null })).toMatchObject({ ok: true });
    } finally {
      socket.close();
    }
  }, 120_000);

  it("answers oversized and malformed bodies with 4xx and words", async () => {
    const origin = new URL(server.url).origin;
    const big = await resident.post(ideaPath, { intent: "comment", body: "å".repeat(1024 * 1024) });
    expect(big.status).toBe(413);
    expect(await big.text()).toContain("för stort");
    const bigJson = await resident.request(ideaPath, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: origin },
      body: JSON.stringify({ body: "x".repeat(1024 * 1024) }),
    });
    expect(bigJson.status).toBe(413);

    const malformed: { type: string; body: string }[] = [
      { type: "application/json", body: '{"intent": "comment", ' },
      { type: "application/json", body: "[1,2" },
      { type: "multipart/form-data", body: '--x\r\nContent-Disposition: form-data; name="intent"\r\n\r\ncomment' },
      {
        type: "multipart/form-data; boundary=abc",
        body: '--abc\r\nContent-Disposition: form-data; name="body"\r\n\r\nutan slut',
      },
      { type: "application/x-www-form-urlencoded", body: "intent=comment&body" },
      { type: "application/x-www-form-urlencoded", body: "%%%&&&==" },
      { type: "text/plain", body: "intent=comment" },
    ];
    for (const { type, body } of malformed) {
      const response = await resident.request(ideaPath, {
        method: "POST",
        headers: { "Content-Type": type, Origin: origin },
        body,
      });
      const text = await response.text();
      expect(response.status, `${type}: ${text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(response.status, `${type}: ${text.slice(0, 200)}`).toBeLessThan(500);
      expect(text.length).toBeGreaterThan(0);
    }
  });
});

describe("Markdown rendering of hostile input", () => {
  const size = 40_000;
  const shapes: Record<string, (n: number) => string> = {
    "nested emphasis": (n) => "*_".repeat(n / 2) + "x" + "_*".repeat(n / 2),
    "unclosed emphasis": (n) => "*a ".repeat(n / 3),
    "open brackets": (n) => "[".repeat(n),
    "links in brackets": (n) => "[a](".repeat(n / 4),
    "backtick runs": (n) => Array.from({ length: n / 20 }, (_, i) => "`".repeat((i % 19) + 1) + "a").join(" "),
    "nested quotes and lists": (n) => "> - ".repeat(n / 4) + "x",
    "html-like runs": (n) => "<a<b".repeat(n / 4),
    "autolink-like": (n) => "http://".repeat(n / 7),
  };

  /**
   * The fastest of three renders (of texts that differ in a last line, so that none comes from the
   * cache of rendered texts): a pause of the garbage collector or a busy neighbour makes one render
   * slow, not all three. What the output may not contain is checked outside the timing.
   */
  function time(text: string): number {
    let fastest = Infinity;
    for (let i = 0; i < 3; i++) {
      // A text of its own each time: renderMarkdown keeps what it rendered, and the time is of a render.
      const unique = `${text}\n\n${performance.now()}`;
      const start = performance.now();
      const html = renderMarkdown(unique);
      fastest = Math.min(fastest, performance.now() - start);
      if (i === 0) expect(executableMarkup(html)).toEqual([]);
    }
    return fastest;
  }

  for (const [name, make] of Object.entries(shapes)) {
    it(`stays fast for ${name}`, () => {
      time(make(1000)); // warm up
      const small = time(make(size / 4));
      const large = time(make(size));
      // Generous bounds: linear work is ~4× for 4× the input; quadratic would be ~16×.
      expect(large).toBeLessThan(2_000);
      expect(large).toBeLessThan(Math.max(small, 5) * 12 + 50);
    });
  }
});
