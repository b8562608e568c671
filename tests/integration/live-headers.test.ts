import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";

/** The headers helmet sets on the pages (server/security-headers.ts), HSTS included with secure cookies. */
const securityHeaderNames = [
  "content-security-policy",
  "cross-origin-opener-policy",
  "cross-origin-resource-policy",
  "origin-agent-cluster",
  "referrer-policy",
  "strict-transport-security",
  "x-content-type-options",
  "x-dns-prefetch-control",
  "x-download-options",
  "x-frame-options",
  "x-permitted-cross-domain-policies",
  "x-xss-protection",
];

type HeaderSource = { get(name: string): string | null };

/** The security headers of an answer, with the CSP nonce (fresh on every answer) blanked. */
function securityHeaders(headers: HeaderSource): Record<string, string | null> {
  const result: Record<string, string | null> = {};
  for (const name of securityHeaderNames) {
    const value = headers.get(name);
    result[name] = name === "content-security-policy" && value ? value.replace(/'nonce-[A-Za-z0-9+/=]+'/, "'nonce-…'") : value;
  }
  return result;
}

function fromNode(headers: http.IncomingHttpHeaders): HeaderSource {
  return {
    get: (name) => {
      const value = headers[name];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

describe.each(databaseKinds)("security headers on the socket.io path (%s)", (kind) => {
  let server: TestServer;
  let origin: string;
  let page: Record<string, string | null>;

  const engine = (query: string, init: RequestInit = {}) =>
    fetch(new URL(`/socket.io/?${query}`, server.url), { ...init, headers: { Origin: origin, ...init.headers } });

  beforeAll(async () => {
    server = await startTestServer(kind, { secureCookies: true });
    origin = new URL(server.url).origin;
    const response = await fetch(new URL("/", server.url));
    expect(response.status).toBe(200);
    page = securityHeaders(response.headers);
  });
  afterAll(() => server?.close());

  it("compares with the page's full set", () => {
    for (const name of securityHeaderNames) expect(page[name], name).toBeTruthy();
    expect(page["content-security-policy"]).toContain("'nonce-…'");
  });

  it("puts them on the polling handshake, the polling posts and the long-poll answers", async () => {
    const handshake = await engine("EIO=4&transport=polling");
    expect(handshake.status).toBe(200);
    const body = await handshake.text();
    expect(body.startsWith("0{")).toBe(true);
    expect(securityHeaders(handshake.headers)).toEqual(page);
    const { sid } = JSON.parse(body.slice(1)) as { sid: string };

    // Connect to the main namespace (a post), then the server's answer comes on the next poll.
    const posted = await engine(`EIO=4&transport=polling&sid=${sid}`, {
      method: "POST",
      body: "40",
      headers: { "Content-Type": "text/plain;charset=UTF-8" },
    });
    expect(posted.status).toBe(200);
    expect(await posted.text()).toBe("ok");
    expect(securityHeaders(posted.headers)).toEqual(page);

    const polled = await engine(`EIO=4&transport=polling&sid=${sid}`);
    expect(polled.status).toBe(200);
    expect((await polled.text()).startsWith("40")).toBe(true);
    expect(securityHeaders(polled.headers)).toEqual(page);
  });

  it("puts them on handshake errors", async () => {
    const refusals = [
      {
        what: "a foreign origin",
        answer: await engine("EIO=4&transport=polling", { headers: { Origin: "https://evil.example" } }),
        status: 403,
      },
      { what: "an unknown transport", answer: await engine("EIO=4&transport=carrier-pigeon"), status: 400 },
      { what: "an unknown session", answer: await engine("EIO=4&transport=polling&sid=nosuchsession"), status: 400 },
      { what: "an old protocol", answer: await engine("EIO=3&transport=polling"), status: 400 },
    ];
    for (const { what, answer, status } of refusals) {
      expect(answer.status, what).toBe(status);
      await answer.arrayBuffer();
      expect(securityHeaders(answer.headers), what).toEqual(page);
    }
  });

  /** Asks for a WebSocket upgrade from `from`: either the 101 (upgraded) or a whole HTTP answer. */
  function askUpgrade(from: string) {
    type Answer = { upgraded: boolean; status: number; headers: http.IncomingHttpHeaders; body: string };
    return new Promise<Answer>((resolve, reject) => {
      const request = http.request(new URL("/socket.io/?EIO=4&transport=websocket", server.url), {
        headers: {
          Origin: from,
          Connection: "Upgrade",
          Upgrade: "websocket",
          "Sec-WebSocket-Version": "13",
          "Sec-WebSocket-Key": Buffer.from("samhallsforum-ws").toString("base64"),
        },
      });
      request.on("upgrade", (response, socket) => {
        socket.destroy();
        resolve({ upgraded: true, status: response.statusCode ?? 0, headers: response.headers, body: "" });
      });
      request.on("response", (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve({ upgraded: false, status: response.statusCode ?? 0, headers: response.headers, body }));
      });
      request.on("error", reject);
      request.end();
    });
  }

  it("puts them on the refusal of a foreign origin's WebSocket upgrade, which says why", async () => {
    const refusal = await askUpgrade("https://evil.example");
    expect(refusal.upgraded).toBe(false);
    expect(refusal.status).toBe(403);
    expect(refusal.body).toContain("Samhällsforums egna sidor");
    expect(securityHeaders(fromNode(refusal.headers))).toEqual(page);
  });

  it("puts them on the WebSocket upgrade", async () => {
    const upgrade = await askUpgrade(origin);
    expect(upgrade).toMatchObject({ upgraded: true, status: 101 });
    expect(securityHeaders(fromNode(upgrade.headers))).toEqual(page);
  });
});
