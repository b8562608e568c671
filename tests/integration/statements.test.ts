import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import { openDatabase, type Database } from "../../db/client";
import { startServer, type RunningServer } from "../../server/start";
import { countStatements, createThrowawayPostgres, postgresBin, type ThrowawayPostgres } from "../faults/throwaway-postgres";
import { freePort } from "../faults/server-process";
import { HttpClient } from "../support/http";
import { loadBuild, testConfig } from "../support/server";
import { makeComment, makeIdea, makePerson } from "../support/factories";

// What a page costs the database, counted by PostgreSQL itself (pg_stat_statements on a server of
// this test's own): the session with the header's badge and the live cursor is one statement, the
// idea with the viewer's support, follow and lab panel one, its comments with the viewer's votes two.
describe.skipIf(!postgresBin)("statements per page, as PostgreSQL counts them", () => {
  let pg: ThrowawayPostgres;
  let database: Database;
  let server: RunningServer;
  let ideaPath: string;
  let resident: HttpClient;
  const visitor = () => new HttpClient(server.url);

  beforeAll(async () => {
    pg = createThrowawayPostgres(await freePort(), { statementStats: true });
    pg.start();
    database = await openDatabase({ url: pg.url, max: 10 });
    await database.migrate();
    server = await startServer({
      database,
      build: await loadBuild(),
      logger: pino({ level: "silent" }),
      mode: "production",
      port: 0,
      host: "127.0.0.1",
      config: testConfig(),
      // The mail worker polls the outbox every second; a poll inside a count would be counted with it.
      mailWorker: { pollMs: 3_600_000 },
    });
    // An idea with threads and replies, some of them voted on by the reader.
    const password = "ett-langt-losenord-for-provet";
    const reader = await makePerson(database.db, { password });
    const { ideaId } = await makeIdea(database.db);
    ideaPath = `/ideer/${ideaId}`;
    resident = new HttpClient(server.url);
    await resident.login(reader.email, password);
    for (let i = 0; i < 3; i++) {
      const { commentId } = await makeComment(database.db, { ideaId });
      const reply = await makeComment(database.db, { ideaId, parentId: commentId });
      const voted = await resident.post(ideaPath, { intent: "vote", vote: `${reply.commentId}:1` });
      expect(voted.status).toBe(302);
    }
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await database?.close();
    pg?.destroy();
  });

  /**
   * The fewest statements `work` cost in three tries. Whatever else runs on the server (a timer, a
   * request still finishing on a loaded machine) can only add to a count, never take from it.
   */
  async function fewest(work: () => Promise<void>): Promise<number> {
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) counts.push(await countStatements(pg.url, work));
    return Math.min(...counts);
  }

  async function statementsFor(client: HttpClient, path: string): Promise<number> {
    // The first visit prepares what the page prepares; the count is of a visit after it.
    const first = await client.get(path);
    await first.arrayBuffer();
    expect(first.status, path).toBe(200);
    return fewest(async () => {
      const response = await client.get(path);
      await response.arrayBuffer();
      expect(response.status, path).toBe(200);
    });
  }

  it("reads the idea page of a visitor in at most 4 statements", async () => {
    expect(await statementsFor(visitor(), ideaPath)).toBeLessThanOrEqual(4);
  });

  it("reads the idea page of a signed-in resident in at most 5 statements (session, room cursor, idea, threads, replies)", async () => {
    expect(await statementsFor(resident, ideaPath)).toBeLessThanOrEqual(5);
  });

  it("writes a comment in at most 10 statements, transaction included", async () => {
    const body = () => `En kommentar till räkningen ${Math.random()}`;
    // The first comment prepares what the write prepares; the count is of one after it.
    expect((await resident.post(ideaPath, { intent: "comment", formId: "comment-new", body: body() })).status).toBe(302);
    const statements = await fewest(async () => {
      const response = await resident.post(ideaPath, { intent: "comment", formId: "comment-new", body: body() });
      expect(response.status).toBe(302);
    });
    expect(statements).toBeLessThanOrEqual(10);
  });
});
