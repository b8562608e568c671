/** Builds (when needed), copies the build to a private folder, and runs the server under test. */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

/**
 * A private copy of build/ and public/, so a rebuild by someone else during a long run changes
 * nothing, with the server compiled into it from the current sources as `npm run build` does
 * (build/server/index.js for the start test, build/server/bench.js for the server under test).
 * It lives under node_modules/ so the build's bare imports still resolve.
 */
export async function prepareBuild(): Promise<string> {
  if (!fs.existsSync(path.join(root, "build/index.js"))) {
    execFileSync("npx", ["remix", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  }
  const dir = path.join(root, "node_modules/.cache/sf-bench", String(process.pid));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.cpSync(path.join(root, "build"), path.join(dir, "build"), { recursive: true });
  fs.cpSync(path.join(root, "public"), path.join(dir, "public"), { recursive: true });
  const { buildServer } = (await import("../scripts/build-server.mjs")) as {
    buildServer: (outdir: string, entries: Record<string, string>) => Promise<void>;
  };
  await buildServer(path.join(dir, "build/server"), { index: "server/index.ts", bench: "bench/server-process.ts" });
  return dir;
}

export function removeBuild(dir: string) {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Resident set size of a process in bytes (Linux /proc). */
export function rssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) * 1024;
}

export async function waitForStatus(url: string, status: number, timeoutMs: number, exited?: () => boolean) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (exited?.()) throw new Error(`the server exited before ${url} answered`);
    try {
      const response = await fetch(url, { redirect: "manual" });
      await response.arrayBuffer();
      if (response.status === status) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs / 1000} s`);
}

export interface BenchServer {
  base: string;
  pid: number;
  rss(): number;
  stop(): Promise<void>;
}

export const writeLimits = { RATE_COMMENTS: "1000000/60", RATE_VOTES: "1000000/60", RATE_IDEAS: "1000000/60" };

export async function startBenchServer(options: {
  buildDir: string;
  port: number;
  databaseUrl?: string;
  dataDir?: string;
}): Promise<BenchServer> {
  const child: ChildProcess = spawn(process.execPath, [path.join(options.buildDir, "build/server/bench.js")], {
    cwd: root,
    env: {
      ...process.env,
      ...writeLimits,
      NODE_ENV: "production",
      PORT: String(options.port),
      BENCH_BUILD: options.buildDir,
      DATABASE_URL: options.databaseUrl ?? "",
      DATA_DIR: options.dataDir ?? "",
      LOG_LEVEL: "error",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  let exited = false;
  child.once("exit", () => (exited = true));
  const base = `http://127.0.0.1:${options.port}`;
  try {
    await waitForStatus(`${base}/healthz`, 200, 120_000, () => exited);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return {
    base,
    pid: child.pid!,
    rss: () => rssBytes(child.pid!),
    stop: async () => {
      if (exited) return;
      const gone = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await gone;
      clearTimeout(timer);
    },
  };
}
