import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerExpressErrors, refuseControlCharactersInUrl } from "./request-hygiene";
import { copy } from "../tests/support/copy";

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

  it("refuses a path whose %-encoding does not decode with 400 in the reader's language, not Express's error page", async () => {
    for (const path of ["/utmaningar/%ZZ", "/%E0%A4%A", "/ideer/%", "/utmaningar/%C3/ideer.atom", "/build/%ZZ.js"]) {
      const response = await fetch(base + path);
      expect(response.status, path).toBe(400);
      expect(response.headers.get("content-type"), path).toContain("text/plain");
      expect(await response.text(), path).toBe(copy("refusal.malformedAddress"));
    }
    const english = await fetch(base + "/%ZZ", { headers: { cookie: "sf_lang=en" } });
    expect(await english.text()).toBe(copy("refusal.malformedAddress", {}, "en"));
    // Encoded text that decodes is an ordinary address.
    expect((await (await fetch(base + "/utmaningar/%C3%A5%25")).json()).url).toBe("/utmaningar/%C3%A5%25");
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

describe("errors inside Express's own layers", () => {
  let server: http.Server;
  let base = "";
  const printed: unknown[] = [];
  beforeAll(async () => {
    const app = express();
    app.get("/refused", () => {
      throw Object.assign(new Error("bad"), { status: 413 });
    });
    app.get("/broken", () => {
      throw new Error("broken");
    });
    app.use(answerExpressErrors);
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("answer with their status and words in the reader's language, and print nothing", async () => {
    const original = console.error;
    console.error = (...args: unknown[]) => printed.push(args);
    try {
      const refused = await fetch(base + "/refused");
      expect(refused.status).toBe(413);
      expect(await refused.text()).toBe(copy("refusal.unreadableRequest"));
      const broken = await fetch(base + "/broken", { headers: { cookie: "sf_lang=en" } });
      expect(broken.status).toBe(500);
      expect(await broken.text()).toBe(copy("refusal.serverError", {}, "en"));
    } finally {
      console.error = original;
    }
    expect(printed).toEqual([]);
  });
});
