import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openDatabase } from "../../db/client";
import { freePort, startServerProcess, type ServerProcess } from "../faults/server-process";
import { HttpClient } from "../support/http";

/** kill -9 of the server in the middle of a write load on embedded PGlite: nothing acknowledged may be lost. */
describe("a crash (kill -9) of the server on PGlite during writes", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sf-faults-pglite-"));
  const env = { DATA_DIR: dataDir, RATE_COMMENTS: "100000/60", MAIL_OUTBOX_DIR: path.join(dataDir, "mail") };
  let current: ServerProcess | undefined;

  afterAll(async () => {
    if (current && current.child.exitCode === null && current.child.signalCode === null) {
      current.child.kill("SIGTERM");
      await current.exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("keeps every write that got a success response", async () => {
    const port = await freePort();
    current = await startServerProcess(env, port);
    const writers = await Promise.all(
      ["invanare@example.se", "invanare2@example.se"].map(async (email) => {
        const client = new HttpClient(current!.url);
        await client.login(email);
        return client;
      }),
    );
    const ideaPath = "/ideer/1";
    expect((await writers[0].get(ideaPath)).status).toBe(200);

    const acknowledged: string[] = [];
    let running = true;
    const load = writers.map(async (client, w) => {
      for (let n = 0; running; n++) {
        const token = `Kraschprov ${w}-${n}-${Math.random().toString(36).slice(2, 10)} ska finnas kvar.`;
        try {
          const response = await client.post(ideaPath, { intent: "comment", body: token });
          await response.arrayBuffer();
          if (response.status === 302) acknowledged.push(token);
        } catch {
          // The connection broke when the process died: this write was never acknowledged.
        }
      }
    });

    await new Promise((r) => setTimeout(r, 2_000));
    current.child.kill("SIGKILL");
    expect(await current.exited).toBe("SIGKILL");
    running = false;
    await Promise.all(load);
    expect(acknowledged.length).toBeGreaterThan(5);

    // The lock file of the killed process is taken over; the data folder opens again.
    current = await startServerProcess(env, port);
    const reader = new HttpClient(current.url);
    expect((await reader.get(ideaPath)).status).toBe(200);
    await reader.login("invanare@example.se");
    const after = await reader.post(ideaPath, { intent: "comment", body: "Skrivet efter omstarten." });
    expect(after.status).toBe(302);
    current.child.kill("SIGTERM");
    expect(await current.exited).toBe(0);

    const database = await openDatabase({ dataDir });
    try {
      const rows = await database.rows<{ body: string }>(sql`select body from comments where body like 'Kraschprov %'`);
      const stored = new Set(rows.map((r) => r.body));
      expect(acknowledged.filter((token) => !stored.has(token))).toEqual([]);
      const [{ count }] = await database.rows<{ count: number }>(
        sql`select count(*)::int as count from comments where body = 'Skrivet efter omstarten.'`,
      );
      expect(Number(count)).toBe(1);
    } finally {
      await database.close();
    }
  }, 150_000);
});
