import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { HttpClient } from "../support/http";
import { startTestServer, type TestServer } from "../support/server";

// tests/integration/server.test.ts checks the headers of a normal page; these are the other answers.
function expectSecurityHeaders(response: Response, what: string) {
  const csp = response.headers.get("content-security-policy") ?? "";
  expect(csp, what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(csp, what).toContain("object-src 'none'");
  expect(csp, what).toContain("base-uri 'none'");
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(response.headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(response.headers.get("referrer-policy"), what).toBe("strict-origin-when-cross-origin");
  expect(response.headers.get("x-frame-options"), what).toBe("SAMEORIGIN");
}

describe.each(databaseKinds)("security headers on every kind of answer on %s", (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("sends them on error pages, refusals, redirects, form answers and static files", async () => {
    const client = new HttpClient(server.url);
    const answers: [string, Promise<Response>, number][] = [
      ["404 page", client.get("/finns-inte"), 404],
      ["cross-site refusal", client.post("/sprak", { locale: "sv" }, { origin: "https://evil.example" }), 403],
      ["oversized body", client.post("/logga-in", { email: "a", password: "x".repeat(300 * 1024) }), 413],
      [
        "malformed body",
        client.request("/logga-in", {
          method: "POST",
          headers: { "Content-Type": "application/json", Origin: new URL(server.url).origin },
          body: "{",
        }),
        400,
      ],
      ["login redirect", client.get("/konto"), 302],
      ["form with errors", client.post("/registrera", {}), 400],
      ["static file", client.get("/favicon.svg"), 200],
      ["health check", client.get("/healthz"), 200],
    ];
    for (const [what, pending, status] of answers) {
      const response = await pending;
      await response.arrayBuffer();
      expect(response.status, what).toBe(status);
      expectSecurityHeaders(response, what);
    }
  });
});
