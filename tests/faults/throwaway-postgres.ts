import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * A private PostgreSQL server in a temporary folder, on its own port, that a fault test may stop
 * and start at will. The machine's shared server (port 5432) is never touched.
 */
function findBin(): string | undefined {
  if (process.env.PG_BIN && fs.existsSync(path.join(process.env.PG_BIN, "pg_ctl"))) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return undefined;
  const versions = fs.readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = path.join(root, v, "bin");
    if (fs.existsSync(path.join(bin, "pg_ctl")) && fs.existsSync(path.join(bin, "initdb"))) return bin;
  }
  return undefined;
}

export const postgresBin = findBin();

// initdb and postgres refuse to run as root: then they run as the postgres system user.
const asRoot = process.getuid?.() === 0;

function run(bin: string, args: string[]): string {
  const command = path.join(postgresBin!, bin);
  const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
  return execFileSync(file, argv, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

export interface ThrowawayPostgres {
  url: string;
  port: number;
  start(): void;
  /** Fast shutdown: open connections are cut, as in a crash of the database host or a failover. */
  stop(): void;
  destroy(): void;
}

/**
 * `statementStats` loads pg_stat_statements, so a test or the bench can count the statements a page
 * costs as PostgreSQL sees them (see countStatements).
 */
export function createThrowawayPostgres(
  port = 55_432 + Math.floor(Math.random() * 500),
  options: { statementStats?: boolean } = {},
): ThrowawayPostgres {
  if (!postgresBin) throw new Error("PostgreSQL server binaries not found (set PG_BIN)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sf-faults-pg-"));
  const dataDir = path.join(dir, "data");
  const logFile = path.join(dir, "log");
  if (asRoot) execFileSync("chown", ["-R", "postgres", dir]);
  run("initdb", ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-instructions"]);
  const serverOptions =
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=on` +
    (options.statementStats ? " -c shared_preload_libraries=pg_stat_statements" : "");
  let running = false;
  const instance: ThrowawayPostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start() {
      run("pg_ctl", ["-D", dataDir, "-l", logFile, "-o", serverOptions, "-w", "-t", "30", "start"]);
      running = true;
    },
    stop() {
      run("pg_ctl", ["-D", dataDir, "-m", "fast", "-w", "stop"]);
      running = false;
    },
    destroy() {
      try {
        if (running) instance.stop();
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  return instance;
}

/**
 * Counts the statements PostgreSQL runs for `work`, from pg_stat_statements (a server started with
 * `statementStats`): every statement of every connection, not what the code believes it sends.
 * Nothing else may use the server meanwhile.
 */
export async function countStatements(url: string, work: () => Promise<unknown>): Promise<number> {
  const { default: postgres } = await import("postgres");
  const stats = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await stats.unsafe("create extension if not exists pg_stat_statements");
    const total = async () => {
      const [row] = await stats.unsafe<{ n: number }[]>(
        "select coalesce(sum(calls), 0)::int as n from pg_stat_statements where query not like '%pg_stat_statements%'",
      );
      return row.n;
    };
    const before = await total();
    await work();
    return (await total()) - before;
  } finally {
    await stats.end();
  }
}
