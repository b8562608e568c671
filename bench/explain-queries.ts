/**
 * Fills a throwaway PostgreSQL database with a few thousand ideas and comments, runs the
 * app's real list and search functions through a query-capturing logger, and writes their
 * EXPLAIN ANALYZE plans to docs/queries.md. Fails when a plan reads a forum table sequentially.
 *
 *   npx tsx bench/explain-queries.ts [postgres://postgres@127.0.0.1:5432/postgres]
 */
import fs from "node:fs";
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { eq, sql } from "drizzle-orm";
import * as schema from "../db/schema";
import { migrationsFolder, type Db } from "../db/client";
import { seed } from "../db/seed";
import { hotScoreSql } from "../db/ranking";
import { listChallengeIdeas } from "../app/domain/ideas/list.server";
import { ideaSorts } from "../app/domain/ideas/schemas";
import { listCommentThreads } from "../app/domain/comments/threads.server";
import { searchContent } from "../app/domain/search/search.server";
import { listProfileComments, listProfileIdeas } from "../app/domain/profiles/profiles.server";

const adminUrl = process.argv[2] ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const name = "sf_explain_queries";
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists ${name} with (force)`);
await admin.unsafe(`create database ${name}`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const client = postgres(url.toString(), { max: 1, onnotice: () => {} });

let captured: { query: string; params: unknown[] }[] = [];
const db = drizzle(client, {
  schema,
  logger: { logQuery: (query, params) => captured.push({ query, params }) },
}) as unknown as Db;
await migrate(drizzle(client), { migrationsFolder });
await seed(db);

const words =
  "skola skolresultat läxhjälp frånvaro trygghet fritid förening bibliotek elevhälsa kurator vårdnadshavare rast " +
  "lunch frukost idrott läsning matematik lärare mentor samtal vård hälsa egenvård teknik äldre anhöriga stöd " +
  "cykel buss väg park ljus kväll helg sommar lov förslag idé prova testa mötesplats grannar kvarter stad kommun";
const vocabulary = `array[${words
  .split(" ")
  .map((w) => `'${w}'`)
  .join(",")}]`;
// One word in ten is a forum word, the rest filler from a larger vocabulary, so a search word matches
// a realistic share of the rows. Correlated with the outer row (g): every row gets its own words.
const text = (n: number) =>
  sql.raw(`(select string_agg(case when random() < 0.1 then (${vocabulary})[1 + floor(random() * ${words.split(" ").length})::int]
     else 'ord' || floor(random() * 3000)::int end, ' ') from generate_series(1, ${n}) where g > 0)`);

const [big] = await db.select().from(schema.challenges).where(eq(schema.challenges.slug, "narvaro-i-skolan"));
await db.execute(sql`insert into users (id, email, display_name, password_hash)
  select 'bench' || lpad(g::text, 11, '0'), 'bench' || g || '@example.se', 'Testperson ' || g, 'x' from generate_series(1, 400) g`);
// Most ideas land in one challenge, so its list is the large one.
await db.execute(sql`insert into ideas (challenge_id, author_id, title, body, support_count, created_at, hidden, deleted_at)
  select case when g % 10 < 7 then ${big.id} else (select id from challenges order by id offset (g % 7) limit 1) end,
         'bench' || lpad((1 + g % 400)::text, 11, '0'), ${text(5)}, ${text(60)}, (random() * 40)::int,
         now() - (g || ' minutes')::interval, g % 50 = 0, case when g % 70 = 0 then now() end
  from generate_series(1, 6000) g`);
await db.execute(sql`update ideas set hot_score = ${hotScoreSql}`);
const [heavy] = await db.select({ id: schema.ideas.id }).from(schema.ideas).where(eq(schema.ideas.challengeId, big.id)).limit(1);
await db.execute(sql`insert into comments (idea_id, author_id, body, created_at, hidden)
  select case when g % 25 = 0 then ${heavy.id} else 1 + (g * 7919) % 6000 end, 'bench' || lpad((1 + g % 400)::text, 11, '0'),
         ${text(25)}, now() - (g || ' seconds')::interval, g % 40 = 0
  from generate_series(1, 20000) g`);
await db.execute(sql`update comments set root_id = id where parent_id is null`);
await db.execute(sql`insert into comments (idea_id, parent_id, root_id, depth, author_id, body)
  select c.idea_id, c.id, c.id, 1, 'bench' || lpad((1 + c.id % 400)::text, 11, '0'), 'Ett svar om ' || c.body
  from comments c where c.id % 3 = 0`);
await db.execute(sql`update ideas set comment_count = (select count(*) from comments c where c.idea_id = ideas.id)`);
await db.execute(sql`vacuum analyze`);
const [counts] = await client`select (select count(*) from ideas)::int as ideas, (select count(*) from comments)::int as comments,
  (select count(*) from users)::int as users, (select count(*) from comments where idea_id = ${heavy.id})::int as heavy, version()`;

const problems: string[] = [];

async function plans(title: string, run: () => Promise<unknown>) {
  captured = [];
  await run();
  const out: string[] = [];
  for (const { query, params } of captured) {
    if (!/from "(ideas|comments|challenges)"|from \(select/i.test(query)) continue;
    const rows = await client.unsafe(`explain (analyze, costs off, timing off, summary on) ${query}`, params as never[]);
    const plan = rows.map((r) => r["QUERY PLAN"] as string).join("\n");
    // A sequential scan that applies the list's own condition means the index is not used; one that
    // only builds the hash side of a join (filter: not hidden) is the planner's choice for small tables.
    if (/Seq Scan on (ideas|comments)\b[^\n]*\n\s*Filter: [^\n]*(search @@|challenge_id =|author_id =|idea_id =)/.test(plan)) {
      problems.push(title);
      out.push("**Sequential scan: this query does not use its index.**");
    }
    out.push("```sql\n" + query.replace(/\s+/g, " ").trim() + "\n```\n\n```\n" + plan + "\n```");
  }
  return `### ${title}\n\n${out.join("\n\n")}\n`;
}

const sections: string[] = [];
for (const sort of ideaSorts) {
  const first = await listChallengeIdeas(db, { challengeId: big.id, sort });
  sections.push(
    await plans(`Challenge idea list, sort "${sort}", pages 1 and 2 (keyset cursor)`, async () => {
      await listChallengeIdeas(db, { challengeId: big.id, sort });
      await listChallengeIdeas(db, { challengeId: big.id, sort, after: first.nextCursor ?? undefined });
    }),
  );
}
sections.push(await plans(`Comment page of an idea with ${counts.heavy} comments`, () => listCommentThreads(db, heavy.id)));
sections.push(await plans('Search "skolresultaten", all kinds, page 1', () => searchContent(db, "skolresultaten")));
sections.push(
  await plans('Search "läxhjälp kurator" in one challenge, ideas only', () =>
    searchContent(db, "läxhjälp kurator", { challengeId: big.id, kind: "idea" }),
  ),
);
sections.push(
  await plans("Profile: a user's ideas and comments", async () => {
    await listProfileIdeas(db, "bench00000000001");
    await listProfileComments(db, "bench00000000001");
  }),
);

const header = fs
  .readFileSync(new URL("./explain-queries.md", import.meta.url), "utf8")
  .replace(
    "{{data}}",
    `${counts.ideas} ideas (${Math.round(counts.ideas * 0.7)} in one challenge), ${counts.comments} comments (${counts.heavy} on one idea), ${counts.users} users`,
  )
  .replace("{{version}}", String(counts.version).split(",")[0]);
fs.writeFileSync(new URL("../docs/queries.md", import.meta.url), `${header}\n${sections.join("\n")}`);
await client.end();
await admin.unsafe(`drop database if exists ${name} with (force)`);
await admin.end();
console.log("docs/queries.md written");
if (problems.length) {
  console.error(`Sequential scans in: ${problems.join("; ")}`);
  process.exitCode = 1;
}
