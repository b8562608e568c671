import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refuseControlCharactersInUrl } from "./request-hygiene";

describe("control characters in the address", () => {
  let server: http.Server;
  let base = "";
  beforeAll(async () => {
    const app = express();
    app.use(refuseControlCharactersInUrl);
    app.use((req, res) => res.json({ url: req.url, originalUrl: req.originalUrl, query: req.query }));
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("refuses NUL and other control characters in the path with 400 and words", async () => {
    for (const path of ["/utmaningar/a%00b", "/projekt/%00", "/aktuellt/%1F", "/a%7Fb", "/fokusomraden/%0a"]) {
      const response = await fetch(base + path);
      expect(response.status, path).toBe(400);
      expect(await response.text(), path).toMatch(/\S/);
    }
  });

  it("drops them from the query, keeping tab, line feed and carriage return, and leaves clean addresses alone", async () => {
    const read = async (target: string) =>
      (await (await fetch(base + target)).json()) as { url: string; originalUrl: string; query: Record<string, unknown> };
    // Remix builds its request from originalUrl (server/remix-handler.ts).
    const cleaned = async (target: string) => new URL((await read(target)).originalUrl, base).searchParams;
    expect([...(await cleaned("/projekt?fokusomrade=%00&part=x%01y"))]).toEqual([
      ["fokusomrade", ""],
      ["part", "xy"],
    ]);
    expect((await read("/sok?q=a%00b%7F")).originalUrl).toBe("/sok?q=ab");
    // What later middleware reads from req.query is the cleaned query too.
    expect((await read("/sok?q=a%00b%7F&typ=idea")).query).toEqual({ q: "ab", typ: "idea" });
    expect((await read("/sok?q=a%00b")).query).toEqual({ q: "ab" });
    expect((await read("/sok?q=a\u0001b")).url).toBe("/sok?q=ab");
    expect((await cleaned("/logga-in?redirectTo=%2F%09%0D%0A%2Fevil")).get("redirectTo")).toBe("/\t\r\n/evil");
    expect((await cleaned("/sok?q=%2500")).get("q")).toBe("%00");
    expect((await read("/utmaningar?sortering=nya")).originalUrl).toBe("/utmaningar?sortering=nya");
  });
});
