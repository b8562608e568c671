import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

/**
 * postgres.js 3.4.x can end the whole process when a connection closes while a small write is
 * queued: nextWrite() runs from setImmediate after closed() has set socket to null (upstream
 * porsager/postgres#1154, #1208; the fixes #1168/#1209 are not released). patches/postgres+3.4.9.patch,
 * applied by patch-package after every install, makes it settle the queued query with
 * CONNECTION_CLOSED, which the app answers with 503. postgres is pinned to that exact version in
 * package.json, so an upgrade is a deliberate change that must bring its patch along.
 */
export const guardMark = "samhallsforum: guard";

/** The files of postgres.js that the patch changes: its ESM and its CommonJS build. */
export function postgresConnectionFiles(): string[] {
  // The package exports no package.json; its CommonJS entry is <root>/cjs/src/index.js.
  const root = path.resolve(path.dirname(createRequire(import.meta.url).resolve("postgres")), "../..");
  return [path.join(root, "src/connection.js"), path.join(root, "cjs/src/connection.js")];
}

/** Throws, naming the file, when the installed postgres.js lacks the guard (a failed or skipped patch). */
export function assertPostgresGuard(files: string[] = postgresConnectionFiles()): void {
  for (const file of files) {
    if (!fs.readFileSync(file, "utf8").includes(guardMark)) {
      throw new Error(
        `${file} lacks the connection-close guard from patches/: run "npm install" (patch-package applies it) before using PostgreSQL.`,
      );
    }
  }
}
