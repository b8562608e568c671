import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "../../db/schema";
import { newId } from "../../db/ids";
import { createProject } from "../../app/domain/projects/create.server";
import { subscribeMessage, unsubscribeMessage } from "../../app/realtime/events";
import { databaseKinds } from "../support/databases";
import { HttpClient } from "../support/http";
import { loadBuild, startTestServer, unlimited, type TestServer } from "../support/server";
import {
  roles,
  routeMatrix,
  socketEvents,
  socketMatrix,
  type Fixtures,
  type MatrixRole,
  type MatrixRow,
} from "../support/permission-matrix";
import { actorByEmail, createIdeaWithComment } from "./moderation-fixtures";
import { connectClient, connected, subscribe } from "./live-support";

// Every role sends every write once; the per-user limits must not be what answers.
const rateLimits = { ideas: unlimited, comments: unlimited, votes: unlimited, reports: unlimited };

const emails: Record<Exclude<MatrixRole, "visitor" | "suspended">, string> = {
  resident: "invanare@example.se",
  moderator: "moderator@example.se",
  lab_staff: "labbet@example.se",
  admin: "admin@example.se",
};

describe("the permission matrix covers the app", () => {
  it("lists every route that has an action, and every socket event the server handles", async () => {
    const build = await loadBuild();
    const mutationRoutes = Object.entries(build.routes)
      .filter(([, route]) => typeof (route.module as { action?: unknown }).action === "function")
      .map(([id]) => id)
      .sort();
    expect(mutationRoutes.length).toBeGreaterThan(10);
    const listed = new Set(routeMatrix.map((row) => row.route));
    expect(
      mutationRoutes.filter((id) => !listed.has(id)),
      "mutation routes missing from tests/support/permission-matrix.ts",
    ).toEqual([]);
    expect(
      [...listed].filter((id) => !mutationRoutes.includes(id)),
      "rows for routes that no longer have an action",
    ).toEqual([]);
    expect([...socketEvents].sort()).toEqual([subscribeMessage, unsubscribeMessage].sort());
  });
});

function verdict(row: MatrixRow, role: MatrixRole, response: Response): "allow" | "deny" | string {
  const location = response.headers.get("location") ?? "";
  const toLogin =
    response.status >= 300 && response.status < 400 && location.startsWith("/logga-in") && !row.loginRedirectIsAnswer;
  if (response.status >= 500) return `server error ${response.status}`;
  if (response.status === 403) return "deny";
  if (toLogin) return role === "visitor" ? "deny" : `redirect to ${location}`;
  return "allow";
}

describe.each(databaseKinds)("every role against every write on %s", (kind) => {
  let server: TestServer;
  let fixtures: Fixtures;
  const clients = new Map<MatrixRole, HttpClient>();
  const ids = new Map<MatrixRole, string | null>();

  beforeAll(async () => {
    server = await startTestServer(kind, { config: { rateLimits } });
    const db = server.database.db;
    const resident = await actorByEmail(db, emails.resident);
    const other = await actorByEmail(db, "invanare2@example.se");
    const lab = await actorByEmail(db, emails.lab_staff);

    const [{ passwordHash }] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, resident.id));
    const suspendedId = newId();
    await db.insert(users).values({
      id: suspendedId,
      email: "avstangd@example.se",
      displayName: "Avstängd Person",
      passwordHash,
      suspendedUntil: new Date(Date.now() + 7 * 86_400_000),
    });

    const open = await createIdeaWithComment(db, other.id, other.id, "En vanlig kommentar att rösta på.");
    const own = await createIdeaWithComment(db, resident.id, other.id, "Svar på den egna idén.");
    const ownComment = await createIdeaWithComment(db, other.id, resident.id, "Den boendes egen kommentar.");
    const project = await createProject(db, {
      actorId: lab.id,
      leadId: lab.id,
      title: "Behörighetsprovets projekt",
      summary: "Ett projekt att ändra.",
      challengeId: null,
      partnerIds: [],
    });
    if (!project.ok) throw new Error(project.problem);
    fixtures = {
      otherIdeaId: open.idea.id,
      otherCommentId: open.comment.id,
      ownIdeaId: own.idea.id,
      ownCommentId: ownComment.comment.id,
      challengeSlug: open.challenge.slug,
      projectSlug: project.project.slug,
    };

    for (const role of roles) {
      const client = new HttpClient(server.url);
      if (role === "suspended") await client.login("avstangd@example.se");
      else if (role !== "visitor") await client.login(emails[role]);
      clients.set(role, client);
    }
    ids.set("visitor", null);
    ids.set("suspended", suspendedId);
    for (const role of ["resident", "moderator", "lab_staff", "admin"] as const)
      ids.set(role, (await actorByEmail(db, emails[role])).id);
  });

  afterAll(async () => {
    await server?.close();
  });

  // Before the routes: the last route row logs every role out.
  it("subscribes each role only to the rooms it may listen to", async () => {
    const failures: string[] = [];
    for (const role of roles) {
      const socket = connectClient(server.url, { cookie: clients.get(role)!.cookieHeader || undefined });
      try {
        await connected(socket);
        for (const row of socketMatrix) {
          const room = row.room({
            self: ids.get(role) ?? null,
            other: ids.get("admin")! === ids.get(role) ? ids.get("resident")! : ids.get("admin")!,
          });
          const reply = await subscribe(socket, room);
          const got = reply.ok ? "allow" : reply.error === "forbidden" ? "deny" : `error ${reply.error}`;
          if (got !== row.expect[role])
            failures.push(`${role} → ${row.label} (${room}): expected ${row.expect[role]}, got ${got}`);
        }
        // unsubscribe has no answer; a hostile payload must not disturb the connection.
        socket.emit(unsubscribeMessage, { not: "a room" });
        socket.emit(unsubscribeMessage, "user:someone-else");
        expect((await subscribe(socket, "idea:1")).ok).toBe(true);
      } finally {
        socket.close();
      }
    }
    expect(failures).toEqual([]);
  });

  it("allows and denies each route action as the table says", async () => {
    const failures: string[] = [];
    for (const row of routeMatrix) {
      for (const role of roles) {
        const path = row.path(fixtures);
        const response = await clients.get(role)!.post(path, row.form?.(fixtures) ?? {});
        const body = await response.text();
        const got = verdict(row, role, response);
        if (got !== row.expect[role]) {
          failures.push(
            `${role} POST ${path}${row.intent ? ` (${row.intent})` : ""}: expected ${row.expect[role]}, got ${got} [${response.status}] ${body.slice(0, 120)}`,
          );
        }
        if (got === "deny" && response.status === 403) expect(body.length).toBeGreaterThan(0);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
