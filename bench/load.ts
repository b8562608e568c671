/** HTTP load with autocannon, and the small table helpers every benchmark prints with. */
import fs from "node:fs";
import http from "node:http";
import autocannon from "autocannon";

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  bytes: number;
  /** The X-Page-Cache header of a repeated request before the run (hit, miss, bypass), or "". */
  cache: string;
  /** CPU ms the server process used per request during the run (NaN without meters). */
  serverCpuMs: number;
  /** CPU ms PostgreSQL's processes used per request (NaN on PGlite, which runs inside the server). */
  databaseCpuMs: number;
}

/** CPU milliseconds a process has used (Linux /proc; clock ticks of 10 ms). */
export function cpuMsOf(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return 0; // the process has ended
  }
}

/** CPU milliseconds used by every PostgreSQL server process on this machine (its backends included). */
export function postgresCpuMs(): number {
  let total = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, "utf8").trim() === "postgres") total += cpuMsOf(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

const ticksPerSecond = 100;

/** What the load cost the processes that answered it, per request (CPU ms); read around the run. */
export interface CpuMeters {
  server: () => number;
  database?: () => number;
}

/** GETs one URL from `connections` keep-alive connections for `seconds`, as a browser would ask (gzip). */
export async function load(
  url: string,
  connections: number,
  seconds: number,
  cookie?: string,
  meters?: CpuMeters,
): Promise<LoadResult> {
  const headers: Record<string, string> = { "accept-encoding": "gzip", accept: "text/html" };
  if (cookie) headers.cookie = cookie;
  await transferred(url, headers);
  const probe = await transferred(url, headers);
  if (probe.status !== 200) throw new Error(`GET ${url} answered ${probe.status}`);
  const bytes = probe.bytes;
  const serverBefore = meters?.server() ?? 0;
  const databaseBefore = meters?.database?.() ?? 0;
  const result = await autocannon({ url, connections, duration: seconds, headers, timeout: 20 });
  const requests = Math.max(1, result.requests.total);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    bytes,
    cache: probe.cache,
    serverCpuMs: meters ? (meters.server() - serverBefore) / requests : NaN,
    databaseCpuMs: meters?.database ? (meters.database() - databaseBefore) / requests : NaN,
  };
}

/** Status and bytes on the wire (fetch would decompress, hiding what compression saved). */
function transferred(url: string, headers: Record<string, string>): Promise<{ status: number; bytes: number; cache: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers, agent: false }, (response) => {
        let bytes = 0;
        response.on("data", (chunk: Buffer) => (bytes += chunk.length));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, bytes, cache: String(response.headers["x-page-cache"] ?? "") }),
        );
        response.on("error", reject);
      })
      .on("error", reject);
  });
}

export function percentile(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : NaN;
}

export const ms = (n: number) => (Number.isFinite(n) ? `${n < 10 ? n.toFixed(1) : Math.round(n)} ms` : "–");
export const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "–");
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** A Markdown table: it reads in a terminal and pastes straight into docs/performance.md. */
export function table(title: string, head: string[], rows: (string | number)[][], note?: string): string {
  const align = head.map((h) => (h.startsWith("<") ? ":--" : "--:"));
  const lines = [
    `\n### ${title}\n`,
    `| ${head.map((h) => h.replace(/^</, "")).join(" | ")} |`,
    `|${align.join("|")}|`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ];
  if (note) lines.push("", note);
  return lines.join("\n");
}
