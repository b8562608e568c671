import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ideas } from "../../db/schema";
import { createIdea } from "../../app/domain/ideas/ideas.server";
import { databaseKinds } from "../support/databases";
import { HttpClient } from "../support/http";
import { startTestServer, type TestServer } from "../support/server";
import { challengeId, userId } from "./ideas-fixtures";

interface PageBody {
  data: Record<string, unknown>[];
  nextCursor: string | null;
}

describe.each(databaseKinds)("open data API /api/v1 on %s", (kind) => {
  let server: TestServer;
  let client: HttpClient;
  let hiddenId: number;
  let deletedId: number;

  beforeAll(async () => {
    server = await startTestServer(kind);
    client = new HttpClient(server.url);
    const db = server.database.db;
    const base = { challengeId: await challengeId(db, "narvaro-i-skolan"), authorId: await userId(db, "invanare@example.se") };
    for (let i = 0; i < 7; i++) {
      const made = await createIdea(db, { ...base, title: `API-idé nummer ${i}`, body: "En synlig idé för det öppna API:et." });
      if (!made.ok) throw new Error(made.problem);
    }
    const hidden = await createIdea(db, { ...base, title: "Dold idé som inte får synas", body: "Hemlig text som inte ska ut." });
    const deleted = await createIdea(db, { ...base, title: "Raderad idé som inte får synas", body: "Borttagen text." });
    if (!hidden.ok || !deleted.ok) throw new Error("could not create ideas");
    hiddenId = hidden.ideaId;
    deletedId = deleted.ideaId;
    await db.update(ideas).set({ hidden: true, hiddenReason: "moderator" }).where(eq(ideas.id, hiddenId));
    await db.update(ideas).set({ deletedAt: new Date() }).where(eq(ideas.id, deletedId));
  });
  afterAll(() => server?.close());

  async function getJson(path: string) {
    const response = await client.get(path);
    return {
      status: response.status,
      type: response.headers.get("content-type"),
      body: (await response.json()) as PageBody & { error?: string },
    };
  }

  /** Follows nextCursor to the end and returns every item. */
  async function everything(path: string, limit: number) {
    const all: Record<string, unknown>[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const sep = path.includes("?") ? "&" : "?";
      const { status, body } = await getJson(
        `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      expect(status).toBe(200);
      expect(body.data.length).toBeLessThanOrEqual(limit);
      all.push(...body.data);
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    return { all, pages };
  }

  it("pages through ideas with an opaque cursor, without repeats or gaps, and never returns hidden or deleted ideas", async () => {
    const { all, pages } = await everything("/api/v1/ideas", 3);
    const ids = all.map((i) => i.id as number);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(pages).toBeGreaterThan(2);
    const visible = await server.database.db
      .select({ id: ideas.id, hidden: ideas.hidden, deletedAt: ideas.deletedAt })
      .from(ideas);
    expect(ids).toEqual(
      visible
        .filter((i) => !i.hidden && !i.deletedAt)
        .map((i) => i.id)
        .sort((a, b) => a - b),
    );
    expect(ids).not.toContain(hiddenId);
    expect(ids).not.toContain(deletedId);
    const raw = JSON.stringify(all);
    expect(raw).not.toContain("Hemlig text");
    expect(raw).not.toContain("Raderad idé");
  });

  it("exposes public fields only: no emails, user ids or moderation state", async () => {
    const { body } = await getJson("/api/v1/ideas?limit=100");
    expect(Object.keys(body.data[0]).sort()).toEqual([
      "body",
      "challenge",
      "commentCount",
      "createdAt",
      "id",
      "status",
      "supportCount",
      "title",
    ]);
    for (const path of [
      "/api/v1/ideas?limit=100",
      "/api/v1/projects",
      "/api/v1/projects/frukostklubb-for-battre-narvaro/updates",
      "/api/v1/challenges?limit=100",
    ]) {
      const raw = JSON.stringify((await getJson(path)).body);
      expect(raw).not.toMatch(/@example\.se|authorId|leadId|hidden|passwordHash/);
    }
  });

  it("filters by challenge and focus area and lists projects with their updates", async () => {
    const { all } = await everything("/api/v1/ideas?challenge=narvaro-i-skolan", 100);
    expect(all.every((i) => i.challenge === "narvaro-i-skolan")).toBe(true);
    expect(all.some((i) => i.title === "API-idé nummer 6")).toBe(true);
    const challenges = await getJson("/api/v1/challenges?focusArea=skolresultat&limit=100");
    expect(challenges.body.data.length).toBeGreaterThan(0);
    expect(challenges.body.data.every((c) => c.focusArea === "skolresultat")).toBe(true);
    expect((await getJson("/api/v1/focus-areas")).body.data.map((f) => f.slug)).toContain("nara-vard");
    const projects = await getJson("/api/v1/projects");
    expect(projects.type).toContain("application/json");
    expect(projects.body.data.map((p) => p.slug)).toContain("frukostklubb-for-battre-narvaro");
    const updates = await getJson("/api/v1/projects/frukostklubb-for-battre-narvaro/updates");
    expect(updates.body.data.map((u) => u.kind)).toEqual(["status", "status", "update"]);
    expect((await getJson("/api/v1/projects/finns-inte/updates")).status).toBe(404);
  });

  it("answers a bad limit or cursor with 400 and a reason", async () => {
    for (const query of [
      "limit=101",
      "limit=0",
      "limit=abc",
      "limit=-1",
      "cursor=inte-en-cursor",
      "cursor=%00inte",
      `cursor=${Buffer.from("v1:99999999999").toString("base64url")}`,
    ]) {
      const { status, body } = await getJson(`/api/v1/ideas?${query}`);
      expect(status, query).toBe(400);
      expect(body.error).toMatch(/limit|cursor/);
    }
    expect((await getJson("/api/v1/ideas?limit=100")).status).toBe(200);
    const unknown = await getJson("/api/v1/finns-inte");
    expect(unknown.status).toBe(404);
    expect(unknown.type).toContain("application/json");
  });

  it("describes every endpoint in an OpenAPI 3.1 document", async () => {
    const response = await client.get("/api/v1/openapi.json");
    expect(response.status).toBe(200);
    const doc = (await response.json()) as {
      openapi: string;
      paths: Record<string, { get?: { responses?: object } }>;
      components: { schemas: object };
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(
      ["/challenges", "/focus-areas", "/ideas", "/openapi.json", "/projects", "/projects/{slug}/updates"].sort(),
    );
    // Every documented path answers, and every $ref points at a defined schema.
    for (const path of Object.keys(doc.paths)) {
      const real = path.replace("{slug}", "frukostklubb-for-battre-narvaro");
      expect((await client.get(`/api/v1${real}`)).status, path).toBe(200);
    }
    for (const ref of JSON.stringify(doc).match(/#\/components\/schemas\/\w+/g) ?? []) {
      expect(doc.components.schemas).toHaveProperty(ref.split("/").pop()!);
    }
  });
});
