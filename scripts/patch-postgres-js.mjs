// postgres.js 3.4.x can crash the whole process when a connection closes while a small write is
// queued: nextWrite() runs from setImmediate after closed() has set socket to null (upstream
// porsager/postgres#1154, #1208; fixes #1168/#1209 not released yet). The guard settles the
// queued query with CONNECTION_CLOSED, which the app answers with 503, instead of throwing.
// Runs after npm install; does nothing when the code is already guarded or has changed upstream.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

// The package exports no package.json; its CommonJS entry is <root>/cjs/src/index.js.
const root = path.resolve(path.dirname(createRequire(import.meta.url).resolve("postgres")), "../..");
const unguarded = "  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)";
const guarded =
  "  function nextWrite(fn) {\n" +
  "    if (socket === null) { // samhallsforum: guard, see scripts/patch-postgres-js.mjs\n" +
  "      chunk = nextWriteTimer = null\n" +
  "      error(Errors.connection('CONNECTION_CLOSED', options))\n" +
  "      return false\n" +
  "    }\n" +
  "    const x = socket.write(chunk, fn)";

for (const file of ["src/connection.js", "cjs/src/connection.js"]) {
  const full = path.join(root, file);
  if (!fs.existsSync(full)) continue;
  const text = fs.readFileSync(full, "utf8");
  if (text.includes("samhallsforum: guard")) continue;
  if (!text.includes(unguarded)) {
    console.warn(`patch-postgres-js: ${file} has changed upstream; check whether the guard is still needed.`);
    continue;
  }
  fs.writeFileSync(full, text.replace(unguarded, guarded));
  console.log(`patch-postgres-js: guarded nextWrite in ${file}`);
}
