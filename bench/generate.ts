/**
 * Realistic forum data at a chosen scale, generated inside the database (INSERT … SELECT over
 * generate_series: one statement per table, no rows travel over the wire), so it runs the same on
 * PostgreSQL and PGlite. Activity is long-tailed: a few challenges hold most ideas, a few ideas most
 * comments and supports, a few users write most of it. Counters are computed from the rows at the end.
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { seed } from "../db/seed";
import { hotScoreSql } from "../db/ranking";
import { dropTextFunctionsSql, firstNames, lastNames, textFunctionsSql } from "./words";

export interface Scale {
  users: number;
  challenges: number;
  ideas: number;
  comments: number;
  /** Comment counts of the largest threads. */
  bigThreads: number[];
  /** Growth test: comments in one idea's thread, and ideas in one challenge. */
  growthComments: number[];
  growthIdeas: number[];
}

export const scales: Record<"quick" | "full", Scale> = {
  quick: {
    users: 5_000,
    challenges: 20,
    ideas: 2_000,
    comments: 20_000,
    bigThreads: [2_000],
    growthComments: [100, 1_000, 10_000],
    growthIdeas: [100, 1_000, 10_000],
  },
  full: {
    users: 50_000,
    challenges: 20,
    ideas: 10_000,
    comments: 200_000,
    bigThreads: [12_000, 10_000],
    growthComments: [100, 1_000, 10_000, 100_000],
    growthIdeas: [100, 10_000, 100_000],
  },
};

export const writerCount = 200;

export interface Dataset {
  /** An idea with exactly 200 comments. */
  pageIdeaId: number;
  bigChallengeSlug: string;
  /** Ideas in the largest challenge that no writer authored (targets of the write test). */
  writeIdeaIds: number[];
  /** User ids of the writers (the last users generated). */
  writerIds: string[];
  counts: Record<string, number>;
  seconds: number;
}

/** A Pareto-distributed whole number (scale xm, shape alpha), capped: most values small, a few huge. */
const pareto = (xm: number, alpha: number, cap: number) => `least(${cap}, floor(${xm} * (pow(1 - random(), ${-1 / alpha}) - 1)))`;

const userId = (indexSql: string) => `'u' || lpad((${indexSql})::text, 15, '0')`;

async function exec(database: Database, query: string) {
  await database.rows(sql.raw(query));
}

async function one<T = Record<string, number>>(database: Database, query: string): Promise<T> {
  return (await database.rows<T>(sql.raw(query)))[0];
}

/** Adds `total` comments to one idea: 70 % top-level, the rest replies spread over those threads. */
async function addThread(database: Database, ideaId: number, total: number) {
  const roots = Math.max(1, Math.round(total * 0.7));
  const users = (await one(database, "select count(*)::int as n from users where id like 'u0%'")).n;
  await exec(
    database,
    `insert into comments (idea_id, author_id, body, created_at)
     select ${ideaId}, ${userId(`1 + floor(${users} * pow(random(), 2))::int`)}, bench_paragraph(),
            now() - interval '30 days' + g * interval '1 second'
     from generate_series(1, ${roots}) g`,
  );
  const { first } = await one(
    database,
    `select min(id) as first from comments where idea_id = ${ideaId} and parent_id is null and root_id is null`,
  );
  await exec(database, `update comments set root_id = id where idea_id = ${ideaId} and parent_id is null and root_id is null`);
  if (total > roots) {
    await exec(
      database,
      `insert into comments (idea_id, parent_id, root_id, depth, author_id, body, created_at)
       select ${ideaId}, p.id, p.id, 1, ${userId(`1 + floor(${users} * pow(random(), 2))::int`)}, bench_paragraph(), p.created_at + interval '1 hour'
       from generate_series(1, ${total - roots}) g
       join comments p on p.id = ${first} + floor(random() * ${roots})::int`,
    );
  }
}

/** An idea in the given challenge, authored by a non-writer, with a generated title and body. */
async function addIdeas(database: Database, challengeId: number, count: number, users: number) {
  await exec(
    database,
    `insert into ideas (challenge_id, author_id, title, body, created_at, last_activity_at)
     select ${challengeId}, ${userId(`1 + floor(${users - writerCount} * pow(random(), 3))::int`)},
            left(bench_sentence(3 + floor(random() * 6)::int), -1), bench_body(1 + floor(random() * 4)::int), t, t
     from (select now() - random() * interval '365 days' as t from generate_series(1, ${count})) g`,
  );
}

export async function recomputeCounters(database: Database) {
  await exec(
    database,
    `update ideas set comment_count = coalesce(c.n, 0), support_count = coalesce(s.n, 0)
    from ideas i
    left join (select idea_id, count(*)::int as n from comments where deleted_at is null group by idea_id) c on c.idea_id = i.id
    left join (select idea_id, count(*)::int as n from idea_supports group by idea_id) s on s.idea_id = i.id
    where ideas.id = i.id and (ideas.comment_count <> coalesce(c.n, 0) or ideas.support_count <> coalesce(s.n, 0))`,
  );
  await database.rows(sql`update ideas set hot_score = ${hotScoreSql}`);
  await exec(
    database,
    `update comments set score = v.n from (select comment_id, sum(value)::int as n from comment_votes group by comment_id) v
    where comments.id = v.comment_id and comments.score <> v.n`,
  );
}

/** Rows whose stored counter differs from the rows it counts (grouped counts: one pass over each table). */
export async function counterDrift(database: Database) {
  return one<{ comment_count: number; support_count: number; score: number }>(
    database,
    `select
      (select count(*)::int from ideas i
         left join (select idea_id, count(*) as n from comments where deleted_at is null group by idea_id) c on c.idea_id = i.id
         where i.comment_count <> coalesce(c.n, 0)) as comment_count,
      (select count(*)::int from ideas i
         left join (select idea_id, count(*) as n from idea_supports group by idea_id) s on s.idea_id = i.id
         where i.support_count <> coalesce(s.n, 0)) as support_count,
      (select count(*)::int from comments m
         left join (select comment_id, sum(value) as n from comment_votes group by comment_id) v on v.comment_id = m.id
         where m.score <> coalesce(v.n, 0)) as score`,
  );
}

export async function generate(database: Database, scale: Scale): Promise<Dataset> {
  const started = performance.now();
  const db = database.db;
  await seed(db);
  for (const statement of textFunctionsSql()) await exec(database, statement);

  const { n: existing } = await one(database, "select count(*)::int as n from challenges");
  await exec(
    database,
    `insert into challenges (slug, focus_area_id, title, summary, description, sdg_goals, perspectives)
     select 'utmaning-' || g, (select id from focus_areas order by position, id offset (g % 2) limit 1),
            left(bench_sentence(4), -1), bench_sentence(12), bench_body(3), array[3, 4, 11], array['tillitsskapande']
     from generate_series(1, ${Math.max(0, scale.challenges - existing)}) g`,
  );
  const first = firstNames.map((n) => `'${n}'`).join(",");
  const last = lastNames.map((n) => `'${n}'`).join(",");
  await exec(
    database,
    `insert into users (id, email, display_name, password_hash, created_at)
     select ${userId("g")}, 'person' || g || '@exempel.se',
            (array[${first}])[1 + g % ${firstNames.length}] || ' ' || (array[${last}])[1 + (g / ${firstNames.length}) % ${lastNames.length}],
            'inget-lösenord', now() - interval '400 days' + g * interval '1 second'
     from generate_series(1, ${scale.users}) g`,
  );

  // Challenge k gets a share proportional to 1/(k+1): the first holds the most ideas.
  const challengeIds = await database.rows<{ id: number; slug: string }>(
    sql`select id, slug from challenges where status = 'open' order by id`,
  );
  const weights = challengeIds.map((_, k) => 1 / (k + 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  for (const [k, c] of challengeIds.entries())
    await addIdeas(database, c.id, Math.round((scale.ideas * weights[k]) / sum), scale.users);
  const big = challengeIds[0];

  const { lo, hi } = await one(database, "select min(id) as lo, max(id) as hi from ideas");
  const pageIdea = hi;
  const threadIdeas = scale.bigThreads.map((_, i) => hi - 1 - i);
  const planned = 200 + scale.bigThreads.reduce((a, b) => a + b, 0);
  // The rest: top-level comments on ideas picked with a steep power law, then two levels of replies.
  const rest = Math.max(0, scale.comments - planned);
  await exec(
    database,
    `insert into comments (idea_id, author_id, body, created_at)
     select ${lo} + floor(${hi - lo - 1 - scale.bigThreads.length} * pow(random(), 4))::int,
            ${userId(`1 + floor(${scale.users} * pow(random(), 2))::int`)}, bench_paragraph(), now() - random() * interval '300 days'
     from generate_series(1, ${Math.round(rest * 0.6)}) g`,
  );
  await exec(database, "update comments set root_id = id where parent_id is null and root_id is null");
  for (const [depth, share] of [
    [1, 0.25],
    [2, 0.15],
  ] as const) {
    const { n: parents } = await one(database, `select count(*)::int as n from comments where depth = ${depth - 1}`);
    await exec(
      database,
      `insert into comments (idea_id, parent_id, root_id, depth, author_id, body, created_at)
       select p.idea_id, p.id, p.root_id, ${depth}, ${userId(`1 + floor(${scale.users} * pow(random(), 2))::int + 0 * p.id`)},
              bench_paragraph(), p.created_at + random() * interval '2 days'
       from comments p where p.depth = ${depth - 1} and random() < ${Math.min(1, (rest * share) / Math.max(1, parents))}`,
    );
  }
  await addThread(database, pageIdea, 200);
  for (const [i, size] of scale.bigThreads.entries()) await addThread(database, threadIdeas[i], size);

  // Supports: Pareto-distributed (mean about 25), capped, so a handful of ideas with thousands, most with a few or none; never the author's own.
  await exec(
    database,
    `insert into idea_supports (idea_id, user_id)
     select i.id, ${userId(`1 + (i.id::bigint * 7919 + s) % ${scale.users}`)}
     from ideas i cross join lateral generate_series(1, ${pareto(3, 1.1, Math.min(scale.users / 2, 5000))}::int + 0 * i.id) s
     where i.id >= ${lo}
     on conflict do nothing`,
  );
  await exec(database, "delete from idea_supports s using ideas i where i.id = s.idea_id and i.author_id = s.user_id");
  // Comment votes: one comment in ten is voted on, a few of them by hundreds.
  await exec(
    database,
    `insert into comment_votes (comment_id, user_id, value)
     select c.id, ${userId(`1 + (c.id::bigint * 104729 + s) % ${scale.users}`)}, case when random() < 0.8 then 1 else -1 end
     from comments c cross join lateral generate_series(1, ${pareto(1, 1.2, 300)}::int + 0 * c.id) s
     where c.id % 10 = 0
     on conflict do nothing`,
  );
  await exec(database, "delete from comment_votes v using comments c where c.id = v.comment_id and c.author_id = v.user_id");
  await recomputeCounters(database);
  await exec(
    database,
    "update ideas set status = 'ready_for_review' where status = 'open' and support_count >= 25 and id % 3 = 0",
  );
  for (const statement of dropTextFunctionsSql) await exec(database, statement);
  if (database.kind === "postgres") await exec(database, "vacuum analyze");
  else await exec(database, "analyze");

  const writerIds = Array.from({ length: writerCount }, (_, i) => `u${String(scale.users - i).padStart(15, "0")}`);
  const writeIdeas = await database.rows<{ id: number }>(
    sql.raw(
      `select id from ideas where challenge_id = ${big.id} and id >= ${lo} and id < ${hi - scale.bigThreads.length} order by id limit 50`,
    ),
  );
  const counts = await one(
    database,
    `select (select count(*)::int from focus_areas) as "focus areas", (select count(*)::int from challenges) as challenges,
            (select count(*)::int from ideas) as ideas, (select count(*)::int from comments) as comments,
            (select count(*)::int from users) as users, (select count(*)::int from idea_supports) as supports,
            (select count(*)::int from comment_votes) as "comment votes",
            (select max(comment_count)::int from ideas) as "largest thread",
            (select max(support_count)::int from ideas) as "most supports"`,
  );
  return {
    pageIdeaId: pageIdea,
    bigChallengeSlug: big.slug,
    writeIdeaIds: writeIdeas.map((r) => r.id),
    writerIds,
    counts,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Growth data: ideas with n comments each, and challenges with n ideas each, in a focus area of their own. */
export async function addGrowthData(database: Database, scale: Scale) {
  for (const statement of textFunctionsSql()) await exec(database, statement);
  const { n: users } = await one(database, "select count(*)::int as n from users where id like 'u0%'");
  const { id: bigId } = await one(
    database,
    "select challenge_id as id from ideas group by challenge_id order by count(*) desc limit 1",
  );
  const ideas: { size: number; id: number }[] = [];
  for (const size of scale.growthComments) {
    await addIdeas(database, bigId, 1, users);
    const { id } = await one(database, "select max(id) as id from ideas");
    await addThread(database, id, size);
    ideas.push({ size, id });
  }
  const challenges: { size: number; slug: string }[] = [];
  for (const size of scale.growthIdeas) {
    const slug = `tillvaxt-${size}`;
    const { id } = await one(
      database,
      `insert into challenges (slug, focus_area_id, title, summary, description, status)
       values ('${slug}', (select min(id) from focus_areas), 'Tillväxt ${size}', 'Mätdata.', 'Mätdata.', 'closed') returning id`,
    );
    await addIdeas(database, id, size, users);
    challenges.push({ size, slug });
  }
  // A few supports on the growth ideas so the hot sort has something to rank.
  await exec(
    database,
    `insert into idea_supports (idea_id, user_id)
    select i.id, ${userId(`1 + (i.id::bigint * 7919 + s) % ${users}`)} from ideas i join challenges c on c.id = i.challenge_id
    cross join lateral generate_series(1, floor(50 * pow(random(), 8) + 0 * i.id)::int) s
    where c.slug like 'tillvaxt-%' on conflict do nothing`,
  );
  await exec(database, "delete from idea_supports s using ideas i where i.id = s.idea_id and i.author_id = s.user_id");
  await recomputeCounters(database);
  for (const statement of dropTextFunctionsSql) await exec(database, statement);
  await exec(database, database.kind === "postgres" ? "vacuum analyze" : "analyze");
  return { ideas, challenges };
}

/** Sessions written straight into the table (lucia reads the cookie value as the session id). */
export async function createSessions(database: Database, userIds: string[]): Promise<string[]> {
  const ids = userIds.map(() => randomBytes(20).toString("hex"));
  const values = ids.map((id, i) => `('${id}', '${userIds[i]}', now() + interval '30 days')`).join(",");
  await exec(database, `insert into sessions (id, user_id, expires_at) values ${values}`);
  return ids;
}
