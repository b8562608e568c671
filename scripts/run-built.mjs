// Runs one of the compiled command-line tools in build/server/ (npm run db:migrate and the like),
// or says how to build them: they run as plain JavaScript, like the server, with no TypeScript loader.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [tool, ...args] = process.argv.slice(2);
const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "build/server", `${tool}.js`);
if (!fs.existsSync(file)) {
  console.error(`${path.relative(process.cwd(), file)} finns inte. Kör "npm run build" först.`);
  process.exit(1);
}
process.argv = [process.argv[0], file, ...args];
await import(pathToFileURL(file).href);
