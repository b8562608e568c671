/**
 * Starts N app processes on consecutive ports against one PostgreSQL database (DATABASE_URL),
 * for trying scale-out on one machine: `npm run start:cluster -- 3` → ports 3000, 3001, 3002.
 * Live events reach every process through the socket.io Postgres adapter. Put a load balancer
 * with sticky sessions in front (see docs/scale-out.md). Ctrl-C stops them all.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readEnv } from "./env";

const count = Number(process.argv[2] ?? 2);
const env = readEnv();
// A child's environment is its configuration: this one's, handed on whole for the child to parse itself.
// eslint-disable-next-line no-restricted-properties -- handed on, not read
const inherited = process.env;

if (!env.DATABASE_URL) {
  console.error("Flera processer kräver PostgreSQL: sätt DATABASE_URL (PGlite kan bara användas av en process).");
  process.exit(1);
}
if (!Number.isInteger(count) || count < 1 || count > 64) {
  console.error("Ange antalet processer som ett heltal mellan 1 och 64, t.ex. `npm run start:cluster -- 3`.");
  process.exit(1);
}

const children: ChildProcess[] = [];
// Compiled by `npm run build` (build/server/cluster.js beside index.js); from source with tsx otherwise.
const here = path.dirname(fileURLToPath(import.meta.url));
const compiled = path.join(here, "index.js");
const serverArgs = fs.existsSync(compiled) ? [compiled] : ["--import", "tsx", path.join(here, "index.ts")];

function start(index: number): ChildProcess {
  const port = env.PORT + index;
  const child = spawn(process.execPath, serverArgs, {
    // One public address for all: links in mail (sent by whichever process claims it) go there.
    env: {
      ...inherited,
      PORT: String(port),
      PUBLIC_URL: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
      NODE_ENV: inherited.NODE_ENV ?? "production",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  child.on("exit", (code, signal) => {
    if (!stopping) console.error(`Processen på port ${port} avslutades (${signal ?? code}).`);
  });
  children.push(child);
  return child;
}

async function healthy(port: number, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Processen på port ${port} svarade inte inom ${timeoutMs / 1000} s`);
}

let stopping = false;
function stopAll() {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill("SIGTERM");
}
process.on("SIGINT", stopAll);
process.on("SIGTERM", stopAll);

// The first process migrates (and seeds an empty database) alone; the others start once it answers.
start(0);
try {
  await healthy(env.PORT);
  for (let i = 1; i < count; i++) start(i);
  await Promise.all(children.map((_, i) => healthy(env.PORT + i)));
  console.log(
    `\n${count} processer igång på portarna ${env.PORT}–${env.PORT + count - 1} mot ${env.DATABASE_URL.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@")}`,
  );
} catch (error) {
  console.error((error as Error).message);
  stopAll();
  process.exitCode = 1;
}
