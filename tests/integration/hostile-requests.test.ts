import http from "node:http";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { ServerBuild } from "@remix-run/node";
import { comments, users } from "../../db/schema";
import { databaseKinds } from "../support/databases";
import { HttpClient } from "../support/http";
import { loadBuild, startTestServer, unlimited, type TestServer } from "../support/server";
import { formsOf as parsedForms, hrefsOf } from "../support/html";

// Every payload goes through every form; the per-user and per-address limits must not be what answers.
const config = {
  rateLimits: {
    ideas: unlimited,
    comments: unlimited,
    votes: unlimited,
    reports: unlimited,
    barriers: unlimited,
    contact: unlimited,
  },
};

/**
 * Hostile values as they travel on the wire (already percent-encoded), so that malformed encodings,
 * NUL and lone surrogates (WTF-8 %ED%A0%80) can be sent as they are.
 */
const enc = encodeURIComponent;
const hostileStrings = [
  "",
  " ",
  "toString",
  "constructor",
  "__proto__",
  "hasOwnProperty",
  "-1",
  "1.5",
  "1e309",
  "99999999999",
  "9".repeat(400),
  "<script>alert(1)</script>' OR 1=1 --",
  "\u202Etxt.exe 👍🏽\u200B\uFEFF 田中さん Ṱ̺̺̕o͞",
];
const hostileRaw = [
  "%00",
  "a%00b",
  "%01%02%08%0B%0C%0E%1F%7F",
  "a%0D%0ASet-Cookie:%20sf=1",
  "%09",
  "%E0%A4%A",
  "%ZZ",
  "%",
  "%ED%A0%80",
];
/** Sent in the hidden fields of forms too (ids, targets), on the wire as they are: what ids and choices trip over. */
const hiddenPayloads = ["%00", "__proto__", "toString", "", "-1", "1.5", "99999999999", "9".repeat(400), "%E0%A4%A", "%ED%A0%80"];
const LONG = "__long__";
const payloads: string[] = [...hostileStrings.map(enc), ...hostileRaw, LONG];
/** The long value for one position: long, but not so long that only the size limits answer. */
function wire(payload: string, longLength: number): string {
  return payload === LONG ? "x".repeat(longLength) : payload;
}

/** A challenge of the demo content that is open for ideas. */
const openChallenge = "/utmaningar/narvaro-i-skolan";

type Role = "visitor" | "resident" | "admin";
const emails: Record<Exclude<Role, "visitor">, string> = { resident: "invanare@example.se", admin: "admin@example.se" };

interface RouteInfo {
  id: string;
  /** The route's URL pattern, e.g. "/ideer/:id". */
  pattern: string;
  hasAction: boolean;
  regex: RegExp;
}

/** Every route of the build with its full URL pattern. */
function routesOf(build: ServerBuild): RouteInfo[] {
  const full = (id: string): string => {
    const route = build.routes[id];
    const own = route.path ?? "";
    const parent = route.parentId ? full(route.parentId) : "";
    return [parent, own].filter(Boolean).join("/");
  };
  return Object.values(build.routes)
    .filter((route) => route.id !== "root")
    .map((route) => {
      const pattern = `/${full(route.id)}`;
      const regex = new RegExp(
        `^${pattern
          .split("/")
          .map((segment) =>
            segment === "*" ? ".*" : segment.startsWith(":") ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
          )
          .join("/")}$`,
      );
      return { id: route.id, pattern, hasAction: typeof (route.module as { action?: unknown }).action === "function", regex };
    });
}

/** The route a path belongs to, as Remix ranks them: static segments before params before the splat. */
function routeFor(routes: RouteInfo[], pathname: string): RouteInfo | undefined {
  const score = (r: RouteInfo) => r.pattern.split("/").reduce((sum, s) => sum + (s === "*" ? 0 : s.startsWith(":") ? 2 : 10), 0);
  return routes.filter((r) => r.regex.test(pathname)).sort((a, b) => score(b) - score(a))[0];
}

/** Query names the app reads anywhere (`.get("name")`, `.getAll`, `.has`): every route gets all of them. */
function queryNamesInSource(): string[] {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.includes(".test.")) {
        for (const match of readFileSync(file, "utf8").matchAll(/\.(?:get|getAll|has)\(\s*"([a-zA-Z][\w-]*)"\s*\)/g))
          names.add(match[1]);
      }
    }
  };
  walk(path.resolve("app"));
  for (const header of ["Cookie", "Cache-Control", "Retry-After"]) names.delete(header);
  return [...names].sort();
}

interface FormTemplate {
  role: Role;
  route: RouteInfo;
  /** Path and query the form posts to. */
  action: string;
  intent?: string;
  /** Fields a person types into (hostile values go there). */
  visible: string[];
  /** Hidden fields with the values the page rendered. */
  hidden: [string, string][];
}

/** The forms of a page: one template per form and intent button. */
function formsOf(html: string, pageUrl: URL, role: Role, routes: RouteInfo[]): { posts: FormTemplate[]; getNames: string[] } {
  const posts: FormTemplate[] = [];
  const getNames: string[] = [];
  for (const { attrs: form, fields } of parsedForms(html)) {
    const target = new URL(form.action || pageUrl.href, pageUrl);
    if ((form.method ?? "get").toLowerCase() !== "post") {
      getNames.push(...fields.map((f) => f.name).filter(Boolean));
      continue;
    }
    const route = routeFor(routes, target.pathname);
    if (!route) continue;
    const intents = new Set<string | undefined>();
    const visible = new Set<string>();
    const hidden: [string, string][] = [];
    for (const field of fields) {
      if (!field.name) continue;
      const submit = field.tag === "button" || field.type === "submit";
      if (field.name === "intent" && (submit || field.type === "hidden")) intents.add(field.value);
      else if (submit) visible.add(field.name);
      else if (field.type === "hidden" || field.tabindex === "-1") hidden.push([field.name, field.value ?? ""]);
      else visible.add(field.name);
    }
    if (!intents.size) intents.add(undefined);
    for (const intent of intents) {
      posts.push({ role, route, action: target.pathname + target.search, intent, visible: [...visible], hidden });
    }
  }
  return { posts, getNames };
}

/**
 * Runs the tasks, at most `limit` at a time. The server runs in this process: more requests at once
 * only queue, and renders interleaved too far pass the server's 5 s render limit on a busy machine.
 */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

let addressCounter = 0;
/** Each request comes from its own address (the server trusts the loopback proxy), so per-address limits stay out of the way. */
function freshAddress(): string {
  addressCounter += 1;
  return `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
}

describe.each(databaseKinds)("hostile requests on %s", (kind) => {
  let server: TestServer;
  let build: ServerBuild;
  let routes: RouteInfo[];
  const clients = new Map<Role, HttpClient>();
  let origin: string;

  async function signIn(role: Role) {
    const client = new HttpClient(server.url);
    if (role !== "visitor") {
      const response = await client.post(
        "/logga-in",
        { email: emails[role], password: "samhallsforum-demo" },
        { headers: { "X-Forwarded-For": freshAddress() } },
      );
      if (response.status !== 302) throw new Error(`login as ${role} failed with ${response.status}`);
    }
    clients.set(role, client);
  }

  beforeAll(async () => {
    server = await startTestServer(kind, { config });
    origin = new URL(server.url).origin;
    build = await loadBuild();
    routes = routesOf(build);
    for (const role of ["visitor", "resident", "admin"] as const) await signIn(role);
    // A reply, so that the thread page has an example.
    const resident = clients.get("resident")!;
    const created = await resident.post(`${openChallenge}/ny-ide`, {
      title: "Idé för fientliga förfrågningar",
      body: "Här provas fientliga förfrågningar.",
    });
    expect(created.status).toBe(302);
    const ideaPath = created.headers.get("location")!.split("#")[0];
    expect((await resident.post(ideaPath, { intent: "comment", body: "En första kommentar att svara på." })).status).toBe(302);
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  it("strips control characters from form values before they are stored, keeping tabs and line breaks", async () => {
    const client = clients.get("resident")!;
    const created = await client.post(`${openChallenge}/ny-ide`, {
      title: "Kontrolltecken\u0000 i titeln",
      body: "Rad ett\u0000\u0007\r\nrad\ttvå med tillräckligt med text.",
    });
    expect(created.status).toBe(302);
    const ideaPath = created.headers.get("location")!.split("#")[0];
    const response = await client.post(ideaPath, {
      intent: "comment",
      body: "Noll\u0000byte och\u001b escape,\nmen radbrytningen\tstannar.",
    });
    expect(response.status).toBe(302);
    const [me] = await server.database.db.select({ id: users.id }).from(users).where(eq(users.email, emails.resident));
    const stored = await server.database.db
      .select({ body: comments.body })
      .from(comments)
      .where(and(eq(comments.authorId, me.id), eq(comments.body, "Nollbyte och escape,\nmen radbrytningen\tstannar.")));
    expect(stored).toHaveLength(1);
  });

  it("answers hostile path segments, query strings and form values on every route and method without a 5xx", async () => {
    const started = Date.now();
    let lapStart = started;
    const laps: string[] = [];
    const lap = (what: string) => {
      laps.push(`${what} ${((Date.now() - lapStart) / 1000).toFixed(1)} s (${requests} requests so far)`);
      console.log(`hostile requests on ${kind}: ${laps.at(-1)}`);
      lapStart = Date.now();
    };
    const failures: string[] = [];
    let requests = 0;
    const send = async (role: Role, label: string, target: string, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      headers.set("X-Forwarded-For", freshAddress());
      let response: Response;
      let text: string;
      try {
        response = await clients.get(role)!.request(target, { ...init, headers });
        text = await response.text();
      } catch (error) {
        failures.push(`${label} [${role}] ${init.method ?? "GET"} ${target.slice(0, 200)}: ${String(error)}`);
        return;
      }
      requests += 1;
      if (response.status >= 500)
        failures.push(`${label} [${role}] ${init.method ?? "GET"} ${target.slice(0, 200)}: ${response.status}`);
      return { status: response.status, type: response.headers.get("content-type") ?? "", text };
    };

    // 1. Crawl the site as each role: an example URL for every route, and every form.
    const examples = new Map<string, string>();
    const templates: FormTemplate[] = [];
    const getNames = new Set(queryNamesInSource());
    const pageRole = new Map<string, Role>();
    for (const role of ["visitor", "resident", "admin"] as const) {
      const queue = [
        "/",
        "/utmaningar",
        "/projekt",
        "/aktuellt",
        "/moderator",
        "/labbet",
        "/redaktion",
        "/admin/anvandare",
        "/konto",
        "/notiser",
        "/moderering",
      ];
      const seen = new Set<string>();
      const visitedRoutes = new Set<string>();
      while (queue.length) {
        const batch = queue.splice(0, 8);
        await Promise.all(
          batch.map(async (href) => {
            const url = new URL(href, server.url);
            const route = routeFor(routes, url.pathname);
            if (!route || visitedRoutes.has(route.id) || seen.has(url.pathname)) return;
            if (route.id === "routes/logga-ut") return;
            seen.add(url.pathname);
            visitedRoutes.add(route.id);
            const response = await send(role, "crawl", url.pathname + url.search);
            if (!response || response.status !== 200) return;
            if (!examples.has(route.id)) examples.set(route.id, url.pathname);
            if (!pageRole.has(route.id)) pageRole.set(route.id, role);
            if (!response.type.includes("text/html")) return;
            const html = response.text;
            const found = formsOf(html, url, role, routes);
            templates.push(...found.posts);
            found.getNames.forEach((n) => getNames.add(n));
            for (const href of hrefsOf(html)) {
              const next = href.split("#")[0];
              if (next.startsWith("/") && !next.startsWith("/build/") && !next.startsWith("//")) queue.push(next);
            }
          }),
        );
      }
    }
    const queryNames = [...getNames].filter((n) => n !== "intent");

    // A concrete path for each route: the crawled example, or the pattern with placeholder values.
    const concrete = (route: RouteInfo) =>
      examples.get(route.id) ?? route.pattern.replace(/:[^/]+/g, "1").replace("*", "finns-inte");
    const roleFor = (route: RouteInfo): Role => pageRole.get(route.id) ?? "resident";

    // 2. Path segments: every dynamic segment of every route, and a segment under every static route.
    const pathJobs: [Role, string, string][] = [];
    for (const route of routes) {
      const example = concrete(route).split("/");
      route.pattern.split("/").forEach((segment, i) => {
        if (!segment.startsWith(":") && segment !== "*") return;
        for (const p of payloads) {
          const parts = [...example];
          parts[i] = wire(p, 8000);
          pathJobs.push([roleFor(route), `path ${route.id}`, parts.join("/")]);
        }
      });
    }
    for (const p of payloads) pathJobs.push(["resident", "path /", `/${wire(p, 8000)}`]);
    for (const p of ["%00", "%E0%A4%A"]) {
      for (const route of routes.filter((r) => !r.pattern.includes(":") && !r.pattern.includes("*"))) {
        pathJobs.push([roleFor(route), `path under ${route.id}`, `${route.pattern.replace(/\/$/, "")}/${p}`]);
      }
    }
    lap("crawl");
    await pool(pathJobs, 6, ([role, label, target]) => send(role, label, target).then(() => {}));

    // 3. Query names and values: every name the app reads set to each payload, and each payload as a name.
    const queryJobs: [Role, string, string][] = [];
    for (const route of routes) {
      const base = concrete(route);
      for (const p of payloads) {
        const value = wire(p, Math.floor(9000 / queryNames.length));
        const query = [...queryNames.map((n) => `${n}=${value}`), `${wire(p, 2000)}=1`].join("&");
        queryJobs.push([roleFor(route), `query ${route.id}`, `${base}?${query}`]);
      }
    }
    lap("path segments");
    await pool(queryJobs, 6, ([role, label, target]) => send(role, label, target).then(() => {}));
    lap("query strings");

    // 4. Forms: each form of each page, each payload in every field a person types into, once with the
    // page's hidden values and once with the payload in the hidden fields too.
    const unique = new Map<string, FormTemplate>();
    for (const t of templates) {
      const key = `${t.route.id} ${t.intent} ${[...t.visible, ...t.hidden.map(([n]) => n)].sort().join(",")}`;
      if (!unique.has(key)) unique.set(key, t);
    }
    // Action routes no page showed a form for still get every payload in every field name seen anywhere.
    const allFieldNames = [...new Set(templates.flatMap((t) => [...t.visible, ...t.hidden.map(([n]) => n)]))];
    for (const route of routes.filter((r) => r.hasAction)) {
      if (![...unique.values()].some((t) => t.route.id === route.id)) {
        unique.set(route.id, { role: roleFor(route), route, action: concrete(route), visible: allFieldNames, hidden: [] });
      }
    }
    const body = (t: FormTemplate, p: string, hostileHidden: boolean) => {
      const fields = [...t.visible, ...(hostileHidden ? t.hidden.map(([n]) => n) : [])];
      const longLength = Math.floor(120_000 / Math.max(1, fields.length));
      const parts = fields.map((n) => `${enc(n)}=${wire(p, longLength)}`);
      if (!hostileHidden) parts.push(...t.hidden.map(([n, v]) => `${enc(n)}=${enc(v)}`));
      if (t.intent !== undefined) parts.push(`intent=${enc(t.intent)}`);
      return parts.join("&");
    };
    const post = (t: FormTemplate, p: string, hostileHidden: boolean) =>
      send(t.role, `form ${t.route.id}${t.intent ? ` (${t.intent})` : ""}${hostileHidden ? " hidden" : ""}`, t.action, {
        method: "POST",
        body: body(t, p, hostileHidden),
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
      });
    // Sessions may end on the way (log out, log out everywhere): a signed-in role signs in again.
    const ordered = [...unique.values()].sort(
      (a, b) => Number(a.route.id === "routes/logga-ut") - Number(b.route.id === "routes/logga-ut"),
    );
    for (const t of ordered) {
      await pool(
        [...payloads.map((p) => [p, false] as const), ...(t.hidden.length ? hiddenPayloads.map((p) => [p, true] as const) : [])],
        6,
        ([p, hostileHidden]) => post(t, p, hostileHidden).then(() => {}),
      );
      if (t.role !== "visitor") {
        const check = await clients.get(t.role)!.get("/konto", { headers: { "X-Forwarded-For": freshAddress() } });
        await check.arrayBuffer();
        if (check.status !== 200) await signIn(t.role);
      }
    }

    lap("forms");
    // 5. Other methods on every route (DELETE reaches the action, or a 405), with a hostile form body.
    const methodJobs: [Role, string, string, string][] = [];
    for (const route of routes) {
      for (const method of ["HEAD", "DELETE", ...(route.hasAction ? [] : ["POST"])]) {
        methodJobs.push([roleFor(route), `method ${route.id}`, concrete(route), method]);
      }
    }
    await pool(methodJobs, 6, ([role, label, target, method]) =>
      send(role, label, target, {
        method,
        ...(method === "HEAD" || method === "OPTIONS"
          ? {}
          : {
              body: "intent=%00&body=a%00b&__proto__=x",
              headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
            }),
      }).then(() => {}),
    );

    lap("methods");
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `hostile requests on ${kind}: ${requests} requests in ${seconds.toFixed(1)} s; ${routes.length} routes, ${examples.size} with a crawled example, ${unique.size} forms, ${queryNames.length} query names; ${laps.join(", ")}`,
    );
    expect(
      [...new Set(failures.map((f) => f.replace(/ (GET|POST) .*: /, " $1: ")))].slice(0, 50),
      failures.slice(0, 50).join("\n"),
    ).toEqual([]);
    // The crawl must have found real pages and forms, or the test proves little.
    expect(examples.size).toBeGreaterThan(routes.length / 2);
    expect(unique.size).toBeGreaterThan(20);
  }, 900_000);

  it("refuses Origin: null and other unreadable origins with 403 and words, even with a same-site Referer", async () => {
    const client = clients.get("resident")!;
    for (const value of ["null", "foo", "http://[", "https://evil.example"]) {
      const response = await client.request("/sprak", {
        method: "POST",
        body: "locale=en",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Origin: value,
          Referer: `${origin}/`,
          "X-Forwarded-For": freshAddress(),
        },
      });
      expect(response.status, value).toBe(403);
      expect(await response.text(), value).toContain("Förfrågan avvisades");
    }
    // Without an Origin the Referer still counts.
    const byReferer = await client.request("/sprak", {
      method: "POST",
      body: "locale=sv",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Referer: `${origin}/`, "X-Forwarded-For": freshAddress() },
    });
    expect(byReferer.status).toBe(302);
  });
});

describe.each(databaseKinds)("behind a proxy that changes Host, with PUBLIC_URL set, on %s", (kind) => {
  let server: TestServer;
  let proxy: http.Server;
  let proxyUrl: string;
  const publicUrl = "https://forum.example.se";

  beforeAll(async () => {
    server = await startTestServer(kind, { publicUrl, secureCookies: true, staffTwoFactor: "optional", config });
    const backend = new URL(server.url);
    // A reverse proxy as nginx's plain `proxy_pass http://127.0.0.1:PORT` is: Host becomes the backend's.
    proxy = http.createServer((req, res) => {
      const forwarded = http.request(
        {
          host: "127.0.0.1",
          port: backend.port,
          method: req.method,
          path: req.url,
          headers: {
            ...req.headers,
            host: `127.0.0.1:${backend.port}`,
            "x-forwarded-proto": "https",
            "x-forwarded-for": "192.0.2.10",
          },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forwarded.on("error", () => res.writeHead(502).end());
      req.pipe(forwarded);
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", () => resolve()));
    const address = proxy.address();
    proxyUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  }, 180_000);
  afterAll(async () => {
    proxy?.closeAllConnections();
    await new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve()));
    await server?.close();
  });

  it("accepts form posts whose Origin is the public address", async () => {
    const client = new HttpClient(proxyUrl);
    const login = await client.post(
      "/logga-in",
      { email: "invanare@example.se", password: "samhallsforum-demo" },
      { origin: publicUrl },
    );
    expect(login.status).toBe(302);
    const created = await client.post(
      `${openChallenge}/ny-ide`,
      { title: "Idé genom en proxy", body: "Skickad genom en omvänd proxy." },
      { origin: publicUrl },
    );
    expect(created.status).toBe(302);
    const ideaPath = created.headers.get("location")!.split("#")[0];
    const comment = await client.post(ideaPath, { intent: "comment", body: "En kommentar genom proxyn." }, { origin: publicUrl });
    expect(comment.status).toBe(302);
    expect(await (await client.get(ideaPath)).text()).toContain("En kommentar genom proxyn.");
    // Another site's pages are still refused, through the proxy too.
    const forged = await client.post(
      ideaPath,
      { intent: "comment", body: "Förfalskad kommentar." },
      { origin: "https://evil.example" },
    );
    expect(forged.status).toBe(403);
  });
});
