/**
 * Live fan-out: how long until every client in one idea room has a new comment, and whether each
 * got it exactly once. Connects N socket.io clients to `idea:<id>`, posts a comment through the real
 * HTTP route as a signed-in resident, and times each client from the moment the POST is sent. The
 * clients live in worker threads (bench/live-clients.mjs), one per core, and three comments warm
 * the server up before the timed one.
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
import { Worker } from "node:worker_threads";
import { HttpClient } from "../tests/support/http";

/** Anything that can POST a form as a signed-in user (HttpClient does). */
export interface FormPoster {
  post(path: string, form: Record<string, string>): Promise<Response>;
}

export interface FanoutResult {
  clients: number;
  received: number;
  exactlyOnce: boolean;
  /** The first client to have it. */
  min: number;
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

/** The clients, spread over worker threads (bench/live-clients.mjs), one per core. */
class ClientPool {
  private constructor(private workers: Worker[]) {}

  /** Clients spread evenly over `bases` (one per server process), each thread on one of them. */
  static async connect(bases: string[], count: number, room: string): Promise<ClientPool> {
    const threads = Math.ceil(Math.max(2, os.cpus().length) / bases.length) * bases.length;
    const workers = Array.from({ length: threads }, (_, i) => {
      const share = Math.floor(count / threads) + (i < count % threads ? 1 : 0);
      const base = bases[i % bases.length];
      return new Worker(new URL("./live-clients.mjs", import.meta.url), { workerData: { base, room, count: share } });
    });
    await Promise.all(workers.map((worker) => ClientPool.reply(worker, "ready")));
    return new ClientPool(workers);
  }

  private static reply<T>(worker: Worker, key: string, message?: unknown): Promise<T> {
    return new Promise((resolve, reject) => {
      const done = () => {
        worker.off("message", onMessage);
        worker.off("error", onError);
      };
      const onError = (error: Error) => {
        done();
        reject(error);
      };
      const onMessage = (answer: Record<string, unknown>) => {
        if (answer.error) onError(new Error(String(answer.error)));
        else if (key in answer) {
          done();
          resolve(answer[key] as T);
        }
      };
      worker.on("message", onMessage);
      worker.on("error", onError);
      if (message !== undefined) worker.postMessage(message);
    });
  }

  /** Arrival times (wall clock, ms) of one comment at every client. */
  async collect(commentId: number): Promise<number[][]> {
    const parts = await Promise.all(
      this.workers.map((worker) => ClientPool.reply<number[][]>(worker, "collected", { collect: commentId })),
    );
    return parts.flat();
  }

  async close() {
    await Promise.all(this.workers.map((worker) => ClientPool.reply(worker, "closed", "close")));
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

/** Comments posted and delivered before the timed one. */
export const warmUpComments = 3;

const wallClock = () => performance.timeOrigin + performance.now();

async function postComment(author: FormPoster, ideaId: number, body: string) {
  const sent = wallClock();
  const response = await author.post(`/ideer/${ideaId}`, { intent: "comment", formId: "comment-new", body });
  const postMs = wallClock() - sent;
  const location = response.headers.get("location") ?? "";
  const commentId = Number(/kommentar-(\d+)/.exec(location)?.[1] ?? NaN);
  if (response.status !== 302 || !Number.isSafeInteger(commentId))
    throw new Error(`posting failed: ${response.status} ${location}`);
  return { sent, postMs, commentId };
}

/** Waits until every client has the comment (or 15 s), then a moment more for a duplicate to show. */
async function arrivalsOf(pool: ClientPool, commentId: number): Promise<number[][]> {
  const deadline = performance.now() + 15_000;
  let arrivals = await pool.collect(commentId);
  while (arrivals.some((a) => a.length === 0) && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    arrivals = await pool.collect(commentId);
  }
  await new Promise((r) => setTimeout(r, 500));
  return pool.collect(commentId);
}

/** Load that runs around the timed comment (writers on other ideas): begun after the warm-up. */
export interface BackgroundLoad {
  begin(): void;
  end(): Promise<void>;
}

export async function measureFanout(
  base: string | string[],
  count: number,
  ideaId: number,
  author: FormPoster,
  afterConnect?: () => number | Promise<number>,
  background?: BackgroundLoad,
): Promise<FanoutResult> {
  const room = `idea:${ideaId}`;
  const connectStarted = performance.now();
  const pool = await ClientPool.connect(typeof base === "string" ? [base] : base, count, room);
  const connectSeconds = (performance.now() - connectStarted) / 1000;
  try {
    const measured = await afterConnect?.();
    // A few comments first, not timed: a server that has been up a while has its code compiled (the
    // loop over the sockets runs about twice as fast once optimised) and its connections warm.
    for (let i = 1; i <= warmUpComments; i++) {
      const warmUp = await postComment(author, ideaId, `Uppvärmning ${i} inför ${count} läsare, ${new Date().toISOString()}`);
      await arrivalsOf(pool, warmUp.commentId);
    }
    if (background) {
      background.begin();
      // The writers at full speed before the timed comment.
      await new Promise((r) => setTimeout(r, 2_000));
    }
    const { sent, postMs, commentId } = await postComment(
      author,
      ideaId,
      `Mätkommentar till ${count} läsare, ${new Date().toISOString()}`,
    );
    const arrivals = await arrivalsOf(pool, commentId).finally(() => background?.end());
    const latencies = arrivals
      .filter((a) => a.length > 0)
      .map((a) => a[0] - sent)
      .sort((x, y) => x - y);
    return {
      clients: count,
      received: latencies.length,
      exactlyOnce: arrivals.length === count && arrivals.every((a) => a.length === 1),
      min: latencies[0] ?? NaN,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? NaN,
      postMs,
      connectSeconds,
      measured,
    };
  } finally {
    await pool.close();
  }
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
    console.log(
      `\nLive fan-out on ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}, one process, comment posted over HTTP (POST /ideer/${ideaId}); times from sending the POST:\n`,
    );
    console.log("| clients | received | exactly once | p50 | p99 | max | POST answered |");
    console.log("|--:|--:|:-:|--:|--:|--:|--:|");
    for (const r of results) {
      console.log(
        `| ${r.clients} | ${r.received} | ${r.exactlyOnce ? "yes" : "NO"} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} | ${ms(r.postMs)} |`,
      );
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
