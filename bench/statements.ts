/**
 * Statements per page, as PostgreSQL counts them: a PostgreSQL server of the bench's own with
 * pg_stat_statements, the demo content, the production server as its own process, and one GET of
 * each page after a first one (which prepares what the page prepares).
 */
import { sql } from "drizzle-orm";
import { openDatabase } from "../db/client";
import { seed } from "../db/seed";
import { countStatements, createThrowawayPostgres, postgresBin } from "../tests/faults/throwaway-postgres";
import { freePort } from "../tests/faults/server-process";
import { createSessions } from "./generate";
import { startBenchServer } from "./server";

export interface StatementCount {
  page: string;
  visitor: number;
  signedIn: number;
}

export async function measureStatements(buildDir: string): Promise<StatementCount[] | null> {
  if (!postgresBin) return null;
  const pg = createThrowawayPostgres(await freePort(), { statementStats: true });
  pg.start();
  try {
    const database = await openDatabase({ url: pg.url, max: 2 });
    await database.migrate();
    await seed(database.db);
    const [idea] = await database.rows<{ id: number }>(
      sql`select idea_id as id from comments group by idea_id order by count(*) desc limit 1`,
    );
    const [challenge] = await database.rows<{ slug: string }>(sql`select slug from challenges order by id limit 1`);
    const [resident] = await database.rows<{ id: string }>(
      sql`select id from users where role = 'resident' order by email limit 1`,
    );
    const [session] = await createSessions(database, [resident.id]);
    await database.close();
    const server = await startBenchServer({ buildDir, port: await freePort(), databaseUrl: pg.url });
    try {
      // Any cookie but the language one passes the cache of anonymous pages: the page as rendered.
      const cookies = { visitor: "sf_bench=render", signedIn: `sf_session=${session}` };
      const get = async (path: string, cookie: string) => {
        const response = await fetch(server.base + path, { headers: { cookie, accept: "text/html" }, redirect: "manual" });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
      };
      const pages: [string, string][] = [
        ["idea page", `/ideer/${idea.id}`],
        ["challenge page", `/utmaningar/${challenge.slug}`],
        ["home page", "/"],
        ["search", `/sok?q=${encodeURIComponent("skola")}`],
      ];
      const counts: StatementCount[] = [];
      for (const [page, path] of pages) {
        const row: StatementCount = { page, visitor: 0, signedIn: 0 };
        for (const who of ["visitor", "signedIn"] as const) {
          await get(path, cookies[who]);
          row[who] = await countStatements(pg.url, () => get(path, cookies[who]));
        }
        counts.push(row);
      }
      return counts;
    } finally {
      await server.stop();
    }
  } finally {
    pg.destroy();
  }
}
