/**
 * The performance benchmarks: generates realistic data, runs the production build as its own
 * process, and prints nine tables (pages, writes, live fan-out, growth, memory and start, the
 * render ceiling, the floor, statements per page, plus the data set). Not a test: it asserts no timings; see docs/performance.md.
 *
 *   npm run bench -- --quick     smaller data set and shorter runs, under 5 minutes
 *   npm run bench                the full data set (10,000 ideas, 200,000 comments, 50,000 users)
 *
 * With DATABASE_URL set it drops and recreates the database `sf_bench` on that server; otherwise
 * it uses PGlite in a temporary folder. BENCH_PORT (default 3991) is the server's port.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { openDatabase, type Database } from "../db/client";
import { addGrowthData, counterDrift, createSessions, generate, scales } from "./generate";
import { measureCeiling } from "./ceiling";
import { measureFloor } from "./floor";
import { measureStatements } from "./statements";
import { cpuMsOf, int, load, mb, ms, postgresCpuMs, table } from "./load";
import { runWrites, type WriteResult } from "./writes";
import { measureFanout, type FanoutResult } from "./live-fanout";
import { prepareBuild, removeBuild, startBenchServer, waitForStatus, rssBytes } from "./server";

// React and Remix pick their production code from NODE_ENV when first loaded; the build is loaded later.
process.env.NODE_ENV = "production";
// Notification mail that the generated activity owes goes to a throwaway folder, not the checkout.
const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), "sf-bench-mail-"));
process.env.MAIL_OUTBOX_DIR = mailDir;

const quick = process.argv.includes("--quick");
const scale = scales[quick ? "quick" : "full"];
const seconds = quick ? { page: 4, writes: 10, growth: 3, ceiling: 4 } : { page: 15, writes: 30, growth: 10, ceiling: 15 };
const fanoutRounds = [1_000, 5_000];
/** Clients of the two-process round (PostgreSQL only). */
const clusterClients = 10_000;
const port = Number(process.env.BENCH_PORT ?? 3991);
const adminUrl = process.env.DATABASE_URL || undefined;
const tables = new Map<number, string>();

const log = (message: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");

function show(n: number, text: string) {
  tables.set(n, text);
  console.log(text);
}

/** A fresh database: `sf_bench` on the PostgreSQL server, or a new PGlite folder. */
async function freshDatabase(name: string): Promise<{ url?: string; dataDir?: string; drop(): Promise<void> }> {
  if (!adminUrl) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
    return { dataDir, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const again = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}

const open = (target: { url?: string; dataDir?: string }) => openDatabase({ url: target.url, dataDir: target.dataDir, max: 1 });

async function measureStart(buildDir: string): Promise<{ seconds: number; rss: number }> {
  const target = await freshDatabase("sf_bench_start");
  const { spawn } = await import("node:child_process");
  const started = performance.now();
  // What `npm start` runs once its build step is done: the production server on an empty database,
  // from the private copy of the build (its working folder, as the repository is for `npm start`).
  const child = spawn(process.execPath, ["build/server/index.js"], {
    cwd: buildDir,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port + 1),
      HOST: "127.0.0.1",
      DATABASE_URL: target.url ?? "",
      DATA_DIR: target.dataDir ?? "",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  let exited = false;
  child.once("exit", () => (exited = true));
  try {
    await waitForStatus(`http://127.0.0.1:${port + 1}/`, 200, 120_000, () => exited);
    const elapsed = (performance.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 1000));
    return { seconds: elapsed, rss: rssBytes(child.pid!) };
  } finally {
    const gone = new Promise((r) => (exited ? r(null) : child.once("exit", r)));
    child.kill("SIGTERM");
    await gone;
    await target.drop();
  }
}

/**
 * `npm start` itself, build step included, on an empty data folder (or database) until / answers 200.
 * The build writes the repository's build/ (as `npm start` always does); this run's server uses its
 * private copy, so that changes nothing here.
 */
async function measureNpmStart(): Promise<number> {
  const target = await freshDatabase("sf_bench_start");
  const { spawn } = await import("node:child_process");
  const started = performance.now();
  const child = spawn("npm", ["start"], {
    cwd: path.resolve(path.dirname(new URL(import.meta.url).pathname), ".."),
    env: {
      ...process.env,
      PORT: String(port + 2),
      HOST: "127.0.0.1",
      DATABASE_URL: target.url ?? "",
      DATA_DIR: target.dataDir ?? "",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  let exited = false;
  child.once("exit", () => (exited = true));
  try {
    await waitForStatus(`http://127.0.0.1:${port + 2}/`, 200, 300_000, () => exited);
    return (performance.now() - started) / 1000;
  } finally {
    const gone = new Promise((r) => (exited ? r(null) : child.once("exit", r)));
    process.kill(-child.pid!, "SIGTERM"); // npm, its shell and the server
    await gone;
    await new Promise((r) => setTimeout(r, 500));
    await target.drop();
  }
}

async function main() {
  const cpu = os.cpus();
  const started = performance.now();
  log(`${quick ? "quick" : "full"} run, ${adminUrl ? "PostgreSQL" : "PGlite"}, load average ${loadAverage()}`);
  const buildDir = await prepareBuild();
  const target = await freshDatabase("sf_bench");
  let database: Database | undefined = await open(target);
  try {
    await database.migrate();
    const [{ version }] = await database.rows<{ version: string }>(sql`select version()`);
    console.log(
      `\n## Samhällsforum benchmark (${quick ? "--quick" : "full"})\n\n` +
        `Machine: ${cpu[0]?.model ?? "unknown CPU"}, ${cpu.length} cores, ${mb(os.totalmem())} RAM, Node ${process.version}; ` +
        `database: ${adminUrl ? "PostgreSQL on " + new URL(adminUrl).host : "PGlite (embedded)"}, ${version.split(",")[0]}; ` +
        `load average at start ${loadAverage()}.`,
    );

    log("generating data");
    const data = await generate(database, scale);
    show(
      1,
      table(
        `1. Data (generated in ${data.seconds.toFixed(1)} s)`,
        ["<table", "rows"],
        Object.entries(data.counts).map(([k, v]) => [k, int(v)]),
      ),
    );
    const sessions = await createSessions(database, data.writerIds);
    const pagePath = `/ideer/${data.pageIdeaId}`;

    log("render ceiling");
    const ceiling = await measureCeiling(buildDir, database, pagePath, seconds.ceiling);
    show(
      7,
      table(
        "7. Render ceiling: the idea page rendered in-process with its data in memory (one core)",
        ["pages/s", "ms/page", "CPU ms/page", "pages/s per CPU-second", "HTML"],
        [
          [
            int(ceiling.pagesPerSecond),
            ms(ceiling.msPerPage),
            ms(ceiling.cpuMsPerPage),
            int(1000 / ceiling.cpuMsPerPage),
            `${int(ceiling.bytes / 1024)} KB`,
          ],
        ],
        "Remix routing, React's server render of the whole document and the serialised loader data; no database, no HTTP. " +
          "CPU time is what the process itself used: on a busy machine it stays closer to the truth than the wall clock.",
      ),
    );
    log("floor");
    const floor = await measureFloor(database, data.pageIdeaId, data.writerIds[0], seconds.ceiling);
    show(
      8,
      table(
        "8. Floor: the signed-in idea page's visible content in plain React (renderToString), one core",
        ["CPU ms/page", "with gzip", "HTML", "gzipped"],
        [
          [
            ms(floor.cpuMsPerPage),
            ms(floor.cpuMsPerPageGzip),
            `${int(floor.bytes / 1024)} KB`,
            `${int(floor.gzipBytes / 1024)} KB`,
          ],
        ],
        "The same data as the page's loaders read, rendered without Remix, routes, i18n or serialised data (bench/floor.tsx). " +
          "Table 2's \"× floor\" is each rendered page's server CPU per request over the floor with gzip.",
      ),
    );
    await database.close();
    database = undefined;

    log("statements per page");
    const statements = await measureStatements(buildDir);
    if (statements) {
      show(
        9,
        table(
          "9. Statements per page, counted by PostgreSQL (pg_stat_statements, a server of the bench's own, demo content)",
          ["<page", "visitor (rendered)", "signed in"],
          statements.map((r) => [r.page, String(r.visitor), String(r.signedIn)]),
          "Every statement of every connection while one GET is answered, after a first GET of the same page.",
        ),
      );
    }

    log("starting the server");
    let server = await startBenchServer({ buildDir, port, databaseUrl: target.url, dataDir: target.dataDir });
    await new Promise((r) => setTimeout(r, 1000));
    const idleRss = server.rss();
    const cookie = `sf_session=${sessions[0]}`;
    // Any cookie but the language one passes the cache of anonymous pages: the same page rendered anew.
    const rendered = "sf_bench=render";
    const search = `/sok?q=${encodeURIComponent("läxhjälp")}`;
    const pages: [string, string, string | undefined][] = [
      ["idea page, 200 comments (first page)", pagePath, undefined],
      ["idea page, rendered each time", pagePath, rendered],
      ["idea page, signed in", pagePath, cookie],
      ["challenge page, hot sort", `/utmaningar/${data.bigChallengeSlug}`, undefined],
      ["challenge page, rendered each time", `/utmaningar/${data.bigChallengeSlug}`, rendered],
      ["home page", "/", undefined],
      ["home page, rendered each time", "/", rendered],
      ['search "läxhjälp"', search, undefined],
      ["search, rendered each time", search, rendered],
    ];
    const pageRows: string[][] = [];
    for (const [name, url, withCookie] of pages) {
      for (const connections of [10, 50]) {
        log(`pages: ${name}, ${connections} connections (load average ${loadAverage()})`);
        const r = await load(server.base + url, connections, seconds.page, withCookie, {
          server: () => cpuMsOf(server.pid),
          database: adminUrl ? postgresCpuMs : undefined,
        });
        const wasRendered = r.cache !== "hit";
        // Against the CPU-time ceiling: on a shared machine the wall-clock one moves with the neighbours.
        // Only pages that were rendered count against it; a cached answer renders nothing.
        const share = url === pagePath && r.cache !== "hit" ? `${Math.round((100 * r.rps * ceiling.cpuMsPerPage) / 1000)} %` : "";
        pageRows.push([
          name,
          String(connections),
          int(r.rps),
          ms(r.p50),
          ms(r.p99),
          String(r.errors + r.non2xx),
          `${int(r.bytes / 1024)} KB`,
          r.cache || "–",
          share,
          ms(r.serverCpuMs),
          wasRendered ? `${(r.serverCpuMs / floor.cpuMsPerPageGzip).toFixed(1)}×` : "",
          Number.isNaN(r.databaseCpuMs) ? "–" : ms(r.databaseCpuMs),
        ]);
      }
    }
    const afterPagesRss = server.rss();
    show(
      2,
      table(
        `2. Pages: anonymous and signed-in GETs, ${seconds.page} s each (autocannon, gzip)`,
        [
          "<page",
          "connections",
          "req/s",
          "p50",
          "p99",
          "errors",
          "gzipped",
          "page cache",
          "of one core's ceiling (7)",
          "server CPU/req",
          "× floor (8)",
          "PostgreSQL CPU/req",
        ],
        pageRows,
        '"page cache" is the X-Page-Cache header of the page before the run: hit (served from the cache of anonymous pages, ' +
          "docs/decisions/008), bypass (rendered for every request: signed in, or a cookie that is not the language one).",
      ),
    );

    const writeRounds: WriteResult[] = [];
    for (const writers of [50, sessions.length]) {
      log(`writes: ${writers} writers for ${seconds.writes} s`);
      writeRounds.push(await runWrites(server.base, sessions.slice(0, writers), data.writeIdeaIds, seconds.writes));
    }

    const fanoutRows: string[][] = [];
    const socketRows: string[][] = [];
    const settle = () => new Promise((r) => setTimeout(r, 1500));
    const fanoutRow = (label: string, r: FanoutResult) => [
      label,
      int(r.clients),
      int(r.received),
      r.exactlyOnce ? "yes" : "NO",
      ms(r.min),
      ms(r.p50),
      ms(r.p99),
      ms(r.max),
      ms(r.postMs),
      `${r.connectSeconds.toFixed(1)} s`,
    ];
    const posterFor = (base: string) => ({
      post: (p: string, form: Record<string, string>) =>
        fetch(base + p, {
          method: "POST",
          redirect: "manual",
          headers: { cookie, origin: base, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams(form).toString(),
        }),
    });
    /** 50 writers on other ideas (table 3's), begun after the warm-up and ended after the arrivals. */
    const writersOn = (bases: string[]) => {
      let stop = new AbortController();
      let running: Promise<WriteResult> | undefined;
      return {
        begin() {
          stop = new AbortController();
          running = runWrites(bases, sessions.slice(0, 50), data.writeIdeaIds, 600, stop.signal);
        },
        async end() {
          stop.abort();
          await running;
        },
      };
    };
    for (const clients of fanoutRounds) {
      // A fresh process per round, so the sockets' memory is not hidden in heap earlier tests grew.
      await server.stop();
      server = await startBenchServer({ buildDir, port, databaseUrl: target.url, dataDir: target.dataDir });
      await settle();
      log(`live fan-out: ${clients} clients`);
      const before = server.rss();
      const r = await measureFanout(
        server.base,
        clients,
        data.pageIdeaId,
        posterFor(server.base),
        async () => (await settle(), server.rss()),
      );
      fanoutRows.push(fanoutRow("one process, no other writes", r));
      socketRows.push([
        `server RSS per connected socket (${int(clients)} in one room)`,
        `${(((r.measured ?? NaN) - before) / clients / 1024).toFixed(1)} KB`,
      ]);
    }
    {
      await server.stop();
      server = await startBenchServer({ buildDir, port, databaseUrl: target.url, dataDir: target.dataDir });
      await settle();
      log("live fan-out: 1000 clients while 50 writers write");
      const r = await measureFanout(
        server.base,
        1_000,
        data.pageIdeaId,
        posterFor(server.base),
        undefined,
        writersOn([server.base]),
      );
      fanoutRows.push(fanoutRow("one process, 50 writers on other ideas", r));
    }
    if (target.url) {
      // Two processes on one PostgreSQL (as `npm run start:cluster -- 2`), events between them through
      // the socket.io Postgres adapter; clients and writers split over both.
      await server.stop();
      const pair = [
        await startBenchServer({ buildDir, port, databaseUrl: target.url }),
        await startBenchServer({ buildDir, port: port + 1, databaseUrl: target.url }),
      ];
      const bases = pair.map((p) => p.base);
      try {
        await settle();
        log(`live fan-out: ${int(clusterClients)} clients over two processes while 50 writers write`);
        const r = await measureFanout(bases, clusterClients, data.pageIdeaId, posterFor(bases[0]), undefined, writersOn(bases));
        fanoutRows.push(fanoutRow("two processes (Postgres adapter), 50 writers on other ideas", r));
      } finally {
        await Promise.all(pair.map((p) => p.stop()));
      }
      server = await startBenchServer({ buildDir, port, databaseUrl: target.url, dataDir: target.dataDir });
    }
    show(
      4,
      table(
        "4. Live fan-out: one comment posted over HTTP to a room of N clients; time from sending the POST",
        [
          "servers and load",
          "clients",
          "received",
          "exactly once",
          "first",
          "p50",
          "p99",
          "max",
          "POST answered",
          "connecting took",
        ],
        fanoutRows,
        "The clients run in worker threads of the benchmark process, one per core; three comments, not timed, " +
          "warm the freshly started server up. The POST is answered after the server has handed the event to every socket.",
      ),
    );
    await server.stop();

    database = await open(target);
    const drift = await counterDrift(database);
    show(
      3,
      table(
        `3. Writes: signed-in users commenting and toggling supports on ${data.writeIdeaIds.length} ideas of one challenge, ${seconds.writes} s per round`,
        [
          "writers",
          "operations/s",
          "comments/s",
          "support toggles",
          "p50",
          "p99",
          "4xx (by status)",
          "5xx",
          "network errors",
          "counter drift after all rounds (ideas.comment_count, ideas.support_count, comments.score)",
        ],
        writeRounds.map((writes) => [
          int(writes.writers),
          int(writes.operations / writes.seconds),
          int(writes.comments / writes.seconds),
          int(writes.supports),
          ms(writes.p50),
          ms(writes.p99),
          `${writes.clientErrors}${
            writes.clientErrors
              ? ` (${Object.entries(writes.statuses)
                  .filter(([k]) => k.startsWith("4"))
                  .map(([k, v]) => `${k}: ${v}`)
                  .join(", ")})`
              : ""
          }`,
          String(writes.serverErrors),
          String(writes.networkErrors),
          `${drift.comment_count}, ${drift.support_count}, ${drift.score}`,
        ]),
        "Targets (issue 16): 50 writers ≥ 200 comments/s with p99 < 500 ms; 200 writers zero 5xx, zero drift, p99 < 1 s. " +
          "The writes of table 4's rounds with writers count in the drift too.",
      ),
    );

    // The write test queued reply notification mails; the mail worker of the restarted server would send
    // them all in the background and slow down whichever growth size is measured first.
    await database.rows(sql`update mail_outbox set status = 'sent', data = '{}' where status = 'pending'`);
    log("growth: adding data");
    const growthStarted = performance.now();
    const growth = await addGrowthData(database, scale);
    log(`growth data added in ${((performance.now() - growthStarted) / 1000).toFixed(1)} s`);
    await database.close();
    database = undefined;
    server = await startBenchServer({ buildDir, port, databaseUrl: target.url, dataDir: target.dataDir });
    const growthRows: string[][] = [];
    for (const [kind, items] of [
      ["idea page, comments in its thread", growth.ideas.map((g) => ({ size: g.size, url: `/ideer/${g.id}` }))],
      [
        "challenge page (hot), ideas in the challenge",
        growth.challenges.map((g) => ({ size: g.size, url: `/utmaningar/${g.slug}` })),
      ],
    ] as const) {
      let smallest: { p50: number; rps: number } | undefined;
      for (const item of items) {
        log(`growth: ${kind} = ${item.size}`);
        // Rendered for every request (the cache of anonymous pages would hide what the data costs).
        await load(server.base + item.url, 10, 1, rendered); // warm caches and the JIT for this page
        const r = await load(server.base + item.url, 10, seconds.growth, rendered);
        smallest ??= r;
        growthRows.push([
          kind,
          int(item.size),
          int(r.rps),
          ms(r.p50),
          ms(r.p99),
          (r.p50 / smallest.p50).toFixed(2),
          (smallest.rps / r.rps).toFixed(2),
        ]);
      }
    }
    show(
      5,
      table(
        `5. Growth: 10 connections, ${seconds.growth} s each, every page rendered (cache bypassed); ratios to the smallest size`,
        ["<page", "size", "req/s", "p50", "p99", "p50 ratio", "throughput ratio (smallest ÷ this)"],
        growthRows,
      ),
    );
    await server.stop();

    log("start on an empty database");
    const start = await measureStart(buildDir);
    log("npm start on an empty database, build step included");
    const npmStart = await measureNpmStart();
    show(
      6,
      table(
        "6. Memory and start",
        ["<measure", "value"],
        [
          ["server RSS idle (data loaded, no requests yet)", mb(idleRss)],
          ["server RSS after the page test", mb(afterPagesRss)],
          ...socketRows,
          [
            `server start on an empty ${adminUrl ? "database" : "data folder"} until the first 200 of / (migrate + demo seed; build/server/index.js)`,
            `${start.seconds.toFixed(1)} s`,
          ],
          ["RSS of that fresh server", mb(start.rss)],
          [
            `\`npm start\` (build, migrate, demo seed) on an empty ${adminUrl ? "database" : "data folder"} until the first 200 of /`,
            `${npmStart.toFixed(1)} s`,
          ],
        ],
      ),
    );
  } finally {
    await database?.close();
    await target.drop();
    removeBuild(buildDir);
    fs.rmSync(mailDir, { recursive: true, force: true });
  }

  console.log(
    `\n---\nAll tables in order (${quick ? "--quick" : "full"}, ${((performance.now() - started) / 1000).toFixed(0)} s, load average now ${loadAverage()}):`,
  );
  for (const n of [...tables.keys()].sort((a, b) => a - b)) console.log(tables.get(n));
}

try {
  // Every socket is a file descriptor on both ends: make sure 5,000 fit.
  const limit = Number(execFileSync("sh", ["-c", "ulimit -n"]).toString().trim());
  if (Number.isFinite(limit) && limit < 2 * Math.max(...fanoutRounds) + 1000) {
    log(`warning: ulimit -n is ${limit}; the fan-out round of ${Math.max(...fanoutRounds)} clients may fail`);
  }
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
}
