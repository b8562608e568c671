/**
 * Compiles the server (server/index.ts and server/cluster.ts with what they import from app/ and db/)
 * and the command-line tools
 * to plain JavaScript in build/server/, so `npm start` runs it with node alone: no TypeScript loader
 * in the running process (about 110 MB less memory, docs/performance.md). Packages stay external and
 * load from node_modules. The SQL migrations are copied beside it, where db/client.ts looks for them.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Bundles the given entry points (name → source file, relative to the repository) into `outdir`. */
export const serverEntryPoints = {
  index: "server/index.ts",
  cluster: "server/cluster.ts",
  // The command-line tools (npm run db:migrate, db:seed, db:prune, user:create) run compiled too.
  "migrate-cli": "db/migrate-cli.ts",
  "seed-cli": "db/seed-cli.ts",
  "user-cli": "db/user-cli.ts",
  "prune-cli": "server/prune-cli.ts",
};

/**
 * @param {string} outdir
 * @param {Record<string, string>} [entryPoints]
 */
export async function buildServer(outdir, entryPoints = serverEntryPoints) {
  fs.rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints,
    outdir,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    logLevel: "warning",
  });
  fs.cpSync(path.join(root, "db/migrations"), path.join(outdir, "migrations"), { recursive: true });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await buildServer(path.join(root, "build/server"));
