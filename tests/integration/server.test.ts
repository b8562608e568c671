import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/databases";
import { HttpClient } from "../support/http";
import { startTestServer, type TestServer } from "../support/server";
import { copy } from "../support/copy";
import { attr, elements } from "../support/html";

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values]),
  );
}

/** A POST whose body is streamed without a declared length, which fetch cannot send without extra flags. */
function chunkedPost(url: string, origin: string, bytes: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked", Origin: origin },
    });
    req.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    // The server may answer and close before the whole body is sent.
    req.on("error", (error) => ((error as NodeJS.ErrnoException).code === "EPIPE" ? undefined : reject(error)));
    for (let sent = 0; sent < bytes; sent += 64 * 1024) req.write("a".repeat(64 * 1024));
    req.end();
  });
}

describe.each(databaseKinds)("server on %s", (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => {
    await server?.close();
  });

  describe("cross-site requests", () => {
    it("refuses a POST from a foreign origin with 403 and a message", async () => {
      const response = await new HttpClient(server.url).post(
        "/logga-in",
        { email: "invanare@example.se", password: "samhallsforum-demo" },
        { origin: "https://evil.example" },
      );
      expect(response.status).toBe(403);
      expect(await response.text()).toBe("Förfrågan avvisades: den kom inte från Samhällsforums egna sidor.");
      expect(response.headers.getSetCookie()).toEqual([]);
    });

    it("refuses a POST with neither Origin nor Referer", async () => {
      const response = await new HttpClient(server.url).post("/sprak", { locale: "en" }, { origin: null });
      expect(response.status).toBe(403);
      expect(await response.text()).toContain("Förfrågan avvisades");
    });

    it("refuses a foreign Referer when Origin is missing, and accepts our own", async () => {
      const client = new HttpClient(server.url);
      const foreign = await client.post(
        "/sprak",
        { locale: "en" },
        { origin: null, headers: { Referer: "https://evil.example/x" } },
      );
      expect(foreign.status).toBe(403);
      const own = await client.post("/sprak", { locale: "en" }, { origin: null, headers: { Referer: `${server.url}/om` } });
      expect(own.status).toBe(302);
    });

    it("treats a malformed Origin as foreign", async () => {
      const response = await new HttpClient(server.url).post("/sprak", { locale: "en" }, { origin: "not a url" });
      expect(response.status).toBe(403);
    });
  });

  describe("pages and errors", () => {
    it("answers an unknown page with a Swedish 404 page", async () => {
      const response = await fetch(new URL("/finns-inte/alls", server.url));
      expect(response.status).toBe(404);
      const html = await response.text();
      expect(html).toContain('<html lang="sv"');
      expect(html).toContain(copy("error.notFoundTitle"));
      expect(html).toContain("Vi hittar inte sidan du letar efter.");
      expect(html).toContain('href="/"');
    });

    it("switches to English with POST /sprak and back to Swedish", async () => {
      const client = new HttpClient(server.url);
      const response = await client.post("/sprak", { locale: "en", redirectTo: "/om" });
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe("/om");
      expect(response.headers.getSetCookie().find((c) => c.startsWith("sf_lang=en"))).toMatch(/SameSite=Lax/);

      const english = await (await client.get("/om")).text();
      expect(english).toContain('<html lang="en"');
      expect(english).toContain("About Samhällskontraktet");
      expect(english).toContain("På svenska");
      expect(english).toContain("Skip to content");

      await client.post("/sprak", { locale: "sv", redirectTo: "/om" });
      const swedish = await (await client.get("/om")).text();
      expect(swedish).toContain('<html lang="sv"');
      expect(swedish).toContain(copy("about.title"));
      expect(swedish).toContain(copy("site.switchToOther"));
    });

    it("refuses an unknown language and a redirect to another site", async () => {
      const client = new HttpClient(server.url);
      const unknown = await client.post("/sprak", { locale: "xx" });
      expect(unknown.status).toBe(400);
      expect(await unknown.text()).toContain(copy("errors.unknownLanguage"));
      const away = await client.post("/sprak", { locale: "sv", redirectTo: "https://evil.example/" });
      expect(away.headers.get("location")).toBe("/");
    });
  });

  describe("security headers", () => {
    it("sends a CSP whose nonce is the one on every script tag, and the other headers", async () => {
      const response = await fetch(new URL("/", server.url));
      expect(response.status).toBe(200);
      const csp = response.headers.get("content-security-policy") ?? "";
      const d = directives(csp);
      const scriptSrc = d.get("script-src") ?? [];
      const nonceSource = scriptSrc.find((s) => s.startsWith("'nonce-"));
      expect(nonceSource).toBeDefined();
      const nonce = nonceSource!.slice("'nonce-".length, -1);
      expect(nonce.length).toBeGreaterThanOrEqual(16);
      expect(scriptSrc).not.toContain("'unsafe-inline'");
      expect(scriptSrc).not.toContain("'unsafe-eval'");
      expect(d.get("object-src")).toEqual(["'none'"]);
      expect(d.get("base-uri")).toEqual(["'none'"]);
      expect(d.get("frame-ancestors")).toEqual(["'none'"]);
      expect(d.get("style-src")).not.toContain("'unsafe-inline'");

      const html = await response.text();
      const scripts = elements(html, "script");
      expect(scripts.length).toBeGreaterThan(0);
      for (const script of scripts) expect(attr(script, "nonce")).toBe(nonce);
      expect(elements(html).filter((element) => attr(element, "style") !== undefined)).toEqual([]);

      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(response.headers.get("x-powered-by")).toBeNull();
    });

    it("uses a new nonce for every response", async () => {
      const nonces = new Set<string>();
      for (let i = 0; i < 3; i++) {
        const response = await fetch(new URL("/om", server.url));
        await response.text();
        const csp = response.headers.get("content-security-policy") ?? "";
        nonces.add(/'nonce-([^']+)'/.exec(csp)![1]);
      }
      expect(nonces.size).toBe(3);
    });
  });

  describe("request bodies", () => {
    it("refuses a 1 MB POST with 413 and a message", async () => {
      const client = new HttpClient(server.url);
      const response = await client.post("/logga-in", { email: "invanare@example.se", password: "a".repeat(1024 * 1024) });
      expect(response.status).toBe(413);
      expect(await response.text()).toBe(copy("refusal.tooLarge"));
      const english = await fetch(`${server.url}/logga-in`, {
        method: "POST",
        headers: {
          cookie: "sf_lang=en",
          origin: new URL(server.url).origin,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: `password=${"a".repeat(1024 * 1024)}`,
      });
      expect(english.status).toBe(413);
      expect(await english.text()).toBe(copy("refusal.tooLarge", {}, "en"));
    });

    it("refuses a large body streamed without a declared length", async () => {
      const { status, body } = await chunkedPost(`${server.url}/logga-in`, new URL(server.url).origin, 1024 * 1024);
      expect(status).toBe(411);
      expect(body).toBe(copy("refusal.lengthRequired"));
    });
  });

  describe("socket.io", () => {
    it("answers socket.io polling once, without Express also answering", async () => {
      // On one kept-alive connection: the polling handshake, a pause in which a second answer (from
      // Express) would break the connection, then the health check. Exactly two answers must come back.
      const { host, port } = new URL(server.url);
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(Number(port), "127.0.0.1");
        let received = "";
        let asked = false;
        const answers = () => received.match(/HTTP\/1\.1 \d{3} /g)?.length ?? 0;
        const timer = setTimeout(() => {
          socket.destroy();
          reject(new Error(`no second answer; received: ${received}`));
        }, 10_000);
        socket.setEncoding("latin1");
        socket.on("error", reject);
        socket.on("close", () => reject(new Error(`connection closed; received: ${received}`)));
        socket.on("data", (chunk: string) => {
          received += chunk;
          if (!asked && answers() === 1 && received.includes("\r\n\r\n0{")) {
            asked = true;
            setTimeout(() => socket.write(`GET /healthz HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`), 500);
          }
          if (answers() === 2 && received.endsWith("\r\n\r\nok")) {
            clearTimeout(timer);
            socket.removeAllListeners("close");
            socket.destroy();
            resolve(received);
          }
        });
        socket.write(
          `GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: ${host}\r\nOrigin: ${new URL(server.url).origin}\r\nConnection: keep-alive\r\n\r\n`,
        );
      });
      const [polling, health] = raw.split(/(?=HTTP\/1\.1 \d{3} )/);
      expect(polling.split("\r\n")[0]).toBe("HTTP/1.1 200 OK");
      const body = polling.slice(polling.indexOf("\r\n\r\n") + 4);
      expect(body.startsWith("0{")).toBe(true);
      expect(JSON.parse(body.slice(1))).toHaveProperty("sid");
      // One set of security headers (socket.io's own), not a second one written by Express as well.
      expect(polling.match(/^content-security-policy:/gim)).toHaveLength(1);
      expect(health.split("\r\n")[0]).toBe("HTTP/1.1 200 OK");
      expect(health.endsWith("\r\n\r\nok")).toBe(true);
    });

    it("refuses a socket.io handshake from a foreign origin", async () => {
      const response = await fetch(new URL("/socket.io/?EIO=4&transport=polling", server.url), {
        headers: { Origin: "https://evil.example" },
      });
      expect(response.status).toBe(403);
    });
  });
});

describe.each(databaseKinds)("health check on %s", (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(kind, { seed: false });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("is 200 while the database answers and 503 once it is closed", async () => {
    const ok = await fetch(new URL("/healthz", server.url));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("ok");

    await server.database.close();
    const down = await fetch(new URL("/healthz", server.url));
    expect(down.status).toBe(503);
    expect(await down.text()).toBe("Databasen svarar inte");
  });
});
