/**
 * The render ceiling: the idea page rendered by the production build in this process, with every
 * loader's data already in memory (each loader runs once, then returns its first result). What is
 * left is Remix's routing, React's server render of the document and the serialisation of the data
 * into it: the most pages per second one core can produce, whatever the database does.
 */
import { pathToFileURL } from "node:url";
import { createRequestHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import type { Database } from "../db/client";
import type { LiveGateway } from "../app/realtime/events";

type Loader = (...args: unknown[]) => unknown;

function memoised(loader: Loader): Loader {
  let first: { value: unknown } | undefined;
  return async (...args) => {
    if (!first) first = { value: await loader(...args) };
    return first.value;
  };
}

export async function measureCeiling(buildDir: string, database: Database, path: string, seconds: number) {
  const build = (await import(pathToFileURL(`${buildDir}/build/index.js`).href)) as ServerBuild;
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const module = route.module as unknown as Record<string, unknown>;
      const loader = typeof module.loader === "function" ? memoised(module.loader as Loader) : undefined;
      return [id, { ...route, module: { ...module, ...(loader ? { loader } : {}) } }];
    }),
  );
  const handle = createRequestHandler({ ...build, routes } as ServerBuild, "production");
  const context = {
    database,
    live: { publish: () => {} } as unknown as LiveGateway,
    cspNonce: "bench",
    secureCookies: false,
    clientIp: "127.0.0.1",
  } as unknown as AppLoadContext;
  const render = async () => {
    const response = await handle(new Request(`http://127.0.0.1${path}`, { headers: { accept: "text/html" } }), context);
    if (response.status !== 200) throw new Error(`render of ${path} answered ${response.status}`);
    return (await response.arrayBuffer()).byteLength;
  };
  const bytes = await render();
  for (let i = 0; i < 50; i++) await render(); // warm up the JIT
  let pages = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  while (performance.now() < deadline) {
    await render();
    pages++;
  }
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    pagesPerSecond: pages / elapsed,
    msPerPage: (elapsed * 1000) / pages,
    cpuMsPerPage: (cpu.user + cpu.system) / 1000 / pages,
    bytes,
  };
}
