import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { count } from "drizzle-orm";
import { openDatabase } from "../../db/client";
import { ideas, users } from "../../db/schema";
import { demoUsers } from "../../db/seed-data";
import { HttpClient } from "../support/http";
import { registerThroughMail } from "../support/security";
import { testOutbox } from "../support/outbox";

// Starts the real server as an operator does (npm start runs node build/server/index.js): the PGlite folder lock and
// the start-up error reporting are only observable across processes.

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];

function start(env: Record<string, string>): Started {
  const child = spawn(process.execPath, ["build/server/index.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      DATABASE_URL: "",
      MAIL_OUTBOX_DIR: testOutbox,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (c) => (output += c));
  child.stderr!.on("data", (c) => (output += c));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function listening(server: Started, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = /Samhällsforum är igång: (http:\/\/localhost:\d+)/.exec(server.output());
    if (match) return match[1];
    if (server.child.exitCode !== null) throw new Error(`server exited early:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start:\n${server.output()}`);
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} timed out`)), ms))]);
}

const seededMessage = "Tom databas: demodata har lagts in.";

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

describe("PGlite folder lock across processes", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sf-lock-"));
  const lockFile = path.join(dataDir, ".samhallsforum.lock");
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("refuses a second server on the same folder, stops cleanly and keeps the data", { timeout: 180_000 }, async () => {
    const first = start({ DATA_DIR: dataDir });
    const url = await listening(first);
    expect(first.output()).toContain(seededMessage);
    const holder = Number(fs.readFileSync(lockFile, "utf8"));
    expect(Number.isInteger(holder)).toBe(true);

    const client = new HttpClient(url);
    const email = `kvar-${Date.now()}@example.se`;
    const registered = await registerThroughMail(client, {
      email,
      displayName: "Kvar Efteråt",
      password: "sparad-mellan-starter-7",
    });
    expect(registered.status).toBe(302);

    const filesBefore = fs.readdirSync(dataDir).sort();
    const second = start({ DATA_DIR: dataDir });
    const secondCode = await withTimeout(second.exited, 60_000, "second server");
    expect(secondCode).not.toBe(0);
    expect(second.output()).toContain(`Databasmappen ${path.resolve(dataDir)} används redan av en annan process (pid ${holder})`);
    expect(second.output()).not.toContain("Samhällsforum är igång");
    expect(second.output()).not.toContain(seededMessage);
    expect(second.output()).not.toMatch(/\n\s+at /);
    // The first server still owns the folder and still works.
    expect(fs.readFileSync(lockFile, "utf8")).toBe(String(holder));
    expect(fs.readdirSync(dataDir).sort()).toEqual(filesBefore);
    expect((await fetch(new URL("/healthz", url))).status).toBe(200);

    process.kill(holder, "SIGTERM");
    expect(await withTimeout(first.exited, 30_000, "first server shutdown")).toBe(0);
    expect(fs.existsSync(lockFile)).toBe(false);

    const third = start({ DATA_DIR: dataDir });
    const thirdUrl = await listening(third);
    expect(third.output()).not.toContain(seededMessage);
    await new HttpClient(thirdUrl).login(email, "sparad-mellan-starter-7");
    process.kill(Number(fs.readFileSync(lockFile, "utf8")), "SIGTERM");
    expect(await withTimeout(third.exited, 30_000, "third server shutdown")).toBe(0);
    expect(fs.existsSync(lockFile)).toBe(false);

    // The seed ran once: one copy of each demo user and idea, plus the account registered above.
    const database = await openDatabase({ dataDir });
    try {
      const [{ n: userCount }] = await database.db.select({ n: count() }).from(users);
      expect(userCount).toBe(demoUsers.length + 1);
      const [{ n: ideaCount }] = await database.db.select({ n: count() }).from(ideas);
      const { ideaSeeds } = await import("../../db/seed-data");
      expect(ideaCount).toBe(ideaSeeds.length);
    } finally {
      await database.close();
    }
  });

  it("takes over a lock left by a process that no longer runs", { timeout: 120_000 }, async () => {
    const staleDir = fs.mkdtempSync(path.join(os.tmpdir(), "sf-stale-"));
    try {
      // A pid far above any real one stands for a crashed server.
      fs.writeFileSync(path.join(staleDir, ".samhallsforum.lock"), "4194000");
      const database = await openDatabase({ dataDir: staleDir });
      expect(fs.readFileSync(path.join(staleDir, ".samhallsforum.lock"), "utf8")).toBe(String(process.pid));
      await database.close();
      expect(fs.existsSync(path.join(staleDir, ".samhallsforum.lock"))).toBe(false);
    } finally {
      fs.rmSync(staleDir, { recursive: true, force: true });
    }
  });
});

describe("a database that cannot be opened", () => {
  it("exits non-zero with one clear line and no stack trace", { timeout: 60_000 }, async () => {
    const server = start({ DATABASE_URL: "postgres://postgres:hemligt@127.0.0.1:1/sf_finns_inte" });
    const code = await withTimeout(server.exited, 45_000, "server start");
    expect(code).not.toBe(0);
    const lines = server
      .output()
      .split("\n")
      .filter((l) => l.trim() && !l.startsWith("npm warn"));
    expect(lines).toEqual([
      "Kunde inte öppna databasen (postgres://postgres:***@127.0.0.1:1/sf_finns_inte): connect ECONNREFUSED 127.0.0.1:1",
    ]);
  });
});
