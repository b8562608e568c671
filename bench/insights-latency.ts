/**
 * p50 of /insikter on the benchmark data set: the aggregate queries on their own (no cache), and the
 * page over HTTP as visitors get it (with the 30-second cache).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/insights-latency.ts [quick|full]
 *
 * Without DATABASE_URL it runs on PGlite. The data set is generated into a throwaway database
 * (sf_bench_insights) by bench/generate.ts, the same generator as `npm run bench`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { openDatabase } from "../db/client";
import { generate, scales } from "./generate";
import { prepareBuild, removeBuild, startBenchServer } from "./server";
import { getInsights } from "../app/domain/insights/insights.server";
import { periods, type InsightsParams } from "../app/domain/insights/filters";

const scaleName = (process.argv[2] ?? "full") as keyof typeof scales;
const adminUrl = process.env.DATABASE_URL || undefined;
const port = Number(process.env.BENCH_PORT ?? 3997);
const name = "sf_bench_insights";

const p50 = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];
const log = (message: string) => process.stderr.write(`[insights] ${message}\n`);

async function main() {
  let url: string | undefined;
  let dataDir: string | undefined;
  if (adminUrl) {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const target = new URL(adminUrl);
    target.pathname = `/${name}`;
    url = target.toString();
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  }
  const buildDir = await prepareBuild();
  try {
    const database = await openDatabase({ url, dataDir, max: 4 });
    await database.migrate();
    log(`generating the ${scaleName} data set`);
    const data = await generate(database, scales[scaleName]);
    log(`generated in ${data.seconds.toFixed(0)} s: ${JSON.stringify(data.counts)}`);

    const rows: string[] = [];
    for (const period of periods) {
      const params: InsightsParams = { period, focusArea: null, challenge: null };
      const samples: number[] = [];
      for (let i = 0; i < 15; i++) {
        const started = performance.now();
        const result = await getInsights(database.db, params, { staff: true, cacheMs: 0 });
        if (!result.ok) throw new Error(result.problem);
        samples.push(performance.now() - started);
      }
      rows.push(`aggregates, ${period}, no cache: p50 ${p50(samples).toFixed(1)} ms`);
    }
    await database.close();

    const server = await startBenchServer({ buildDir, port, databaseUrl: url, dataDir });
    try {
      for (const period of periods) {
        const samples: number[] = [];
        for (let i = 0; i < 200; i++) {
          const started = performance.now();
          const response = await fetch(`${server.base}/insikter?period=${period}`);
          await response.arrayBuffer();
          if (response.status !== 200) throw new Error(`/insikter answered ${response.status}`);
          samples.push(performance.now() - started);
        }
        rows.push(
          `GET /insikter?period=${period}, 200 requests: p50 ${p50(samples).toFixed(1)} ms, first ${samples[0].toFixed(0)} ms`,
        );
      }
    } finally {
      await server.stop();
    }
    console.log(`/insikter on the ${scaleName} data set (${adminUrl ? "PostgreSQL" : "PGlite"})`);
    for (const row of rows) console.log(`  ${row}`);
  } finally {
    removeBuild(buildDir);
    if (adminUrl) {
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    } else if (dataDir) {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

await main();
