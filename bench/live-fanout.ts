/**
 * Live fan-out: how long until every client in one idea room has a new comment, and whether each
 * got it exactly once. Connects N socket.io clients to `idea:<id>`, posts a comment through the real
 * HTTP route as a signed-in resident, and times each client from the moment the POST is sent.
 * Used by bench/run.ts (table 4); run alone it starts its own server on a temporary PGlite folder
 * (or DATABASE_URL when set) and measures 100 and 1,000 clients:
 *
 *   npm run bench:live            (PORT, default 3990; BENCH_CLIENTS="100,1000" to change the rounds)
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { io, type Socket } from "socket.io-client";
import type { LiveEvent } from "../app/realtime/events";
import { HttpClient } from "../tests/support/http";

/** Anything that can POST a form as a signed-in user (HttpClient does). */
export interface FormPoster {
  post(path: string, form: Record<string, string>): Promise<Response>;
}

export interface FanoutResult {
  clients: number;
  received: number;
  exactlyOnce: boolean;
  p50: number;
  p99: number;
  max: number;
  postMs: number;
  connectSeconds: number;
  /** What the `afterConnect` callback returned (run.ts reads the server's memory there). */
  measured?: number;
}

async function waitHealthy(base: string) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // still starting
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the server did not start within 60 s");
}

function percentile(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}

async function connectAll(base: string, count: number, room: string): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let start = 0; start < count; start += 100) {
    const batch = Array.from({ length: Math.min(100, count - start) }, () =>
      io(base, { transports: ["websocket"], extraHeaders: { Origin: base }, reconnection: false, forceNew: true }),
    );
    await Promise.all(
      batch.map(async (socket) => {
        await new Promise<void>((resolve, reject) => {
          socket.once("connect", resolve);
          socket.once("connect_error", reject);
        });
        const reply = await socket.timeout(30_000).emitWithAck("subscribe", { room, after: null });
        if (!reply.ok) throw new Error(`subscribe refused: ${JSON.stringify(reply)}`);
      }),
    );
    sockets.push(...batch);
  }
  return sockets;
}

export async function measureFanout(
  base: string,
  count: number,
  ideaId: number,
  author: FormPoster,
  afterConnect?: () => number | Promise<number>,
): Promise<FanoutResult> {
  const room = `idea:${ideaId}`;
  const connectStarted = performance.now();
  const sockets = await connectAll(base, count, room);
  const connectSeconds = (performance.now() - connectStarted) / 1000;
  const measured = await afterConnect?.();
  const arrivals = sockets.map(() => [] as number[]);
  let commentId = -1;
  const early: { index: number; event: LiveEvent; at: number }[] = [];
  sockets.forEach((socket, index) =>
    socket.on("live", (event: LiveEvent) => {
      if (event.type !== "comment.created") return;
      const at = performance.now();
      if (commentId === -1) early.push({ index, event, at });
      else if ((event.payload as { id: number }).id === commentId) arrivals[index].push(at);
    }),
  );
  const sent = performance.now();
  const response = await author.post(`/ideer/${ideaId}`, {
    intent: "comment",
    formId: "comment-new",
    body: `Mätkommentar till ${count} läsare, ${new Date().toISOString()}`,
  });
  const postMs = performance.now() - sent;
  const location = response.headers.get("location") ?? "";
  commentId = Number(/kommentar-(\d+)/.exec(location)?.[1] ?? NaN);
  if (response.status !== 302 || !Number.isSafeInteger(commentId)) throw new Error(`posting failed: ${response.status} ${location}`);
  for (const e of early) if ((e.event.payload as { id: number }).id === commentId) arrivals[e.index].push(e.at);

  const deadline = performance.now() + 15_000;
  while (arrivals.some((a) => a.length === 0) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 500)); // room for a duplicate to show up
  for (const socket of sockets) socket.disconnect();

  const latencies = arrivals.filter((a) => a.length > 0).map((a) => a[0] - sent).sort((x, y) => x - y);
  return {
    clients: count,
    received: latencies.length,
    exactlyOnce: arrivals.every((a) => a.length === 1),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    postMs,
    connectSeconds,
    measured,
  };
}

async function runAlone() {
  const port = Number(process.env.PORT ?? 3990);
  const base = `http://127.0.0.1:${port}`;
  const rounds = (process.env.BENCH_CLIENTS ?? "100,1000").split(",").map(Number);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sf-bench-live-"));
  const server = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await waitHealthy(base);
    const author = new HttpClient(base);
    await author.login("invanare@example.se");
    const page = await (await fetch(`${base}/utmaningar`)).text();
    let ideaId = NaN;
    for (const [, challenge] of page.matchAll(/href="(\/utmaningar\/[a-z0-9-]+)"/g)) {
      ideaId = Number(/href="\/ideer\/(\d+)"/.exec(await (await fetch(`${base}${challenge}`)).text())?.[1]);
      if (Number.isSafeInteger(ideaId)) break;
    }
    if (!Number.isSafeInteger(ideaId)) throw new Error("found no idea to comment on");

    const results = [];
    for (const count of rounds) results.push(await measureFanout(base, count, ideaId, author));
    const ms = (n: number) => `${n.toFixed(1)} ms`;
    console.log(`\nLive fan-out on ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}, one process, comment posted over HTTP (POST /ideer/${ideaId}); times from sending the POST:\n`);
    console.log("| clients | received | exactly once | p50 | p99 | max | POST answered |");
    console.log("|--:|--:|:-:|--:|--:|--:|--:|");
    for (const r of results) {
      console.log(`| ${r.clients} | ${r.received} | ${r.exactlyOnce ? "yes" : "NO"} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} | ${ms(r.postMs)} |`);
    }
    process.exitCode = results.every((r) => r.exactlyOnce && r.received === r.clients) ? 0 : 1;
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await runAlone();
