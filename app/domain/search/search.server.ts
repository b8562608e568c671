import { eq, inArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { challenges, comments, focusAreas, ideas, users, type IdeaStatus } from "../../../db/schema";
import { buildSearchQuery, selectRows } from "./query.server";
import { highlightStart, highlightStop, highlightToHtml } from "./highlight";
import { maxQueryLength, type SearchKind } from "./rules";

export type { SearchKind } from "./rules";

export const searchPageSize = 20;
/** Of each kind, only this many of the newest matches are ranked (see docs/queries.md). */
export const searchCandidateLimit = 1000;

export interface SearchFilter {
  focusAreaId?: number;
  challengeId?: number;
  /** Only ideas with this status, and comments on them; challenges have no idea status. */
  ideaStatus?: IdeaStatus;
  kind?: SearchKind;
}

interface ResultBase {
  id: number;
  rank: number;
  /** Escaped HTML: only the matched words are wrapped in <mark>. */
  titleHtml: string;
  snippetHtml: string;
  createdAt: Date;
}

export type SearchResult =
  | (ResultBase & { kind: "challenge"; slug: string; focusAreaName: string; status: string })
  | (ResultBase & { kind: "idea"; challengeSlug: string; challengeTitle: string; authorName: string; status: IdeaStatus })
  | (ResultBase & { kind: "comment"; ideaId: number; authorName: string });

export interface SearchPage {
  /** False when the words held nothing searchable (only stop words). */
  searchable: boolean;
  /** Ranked results in all. When `capped`, there were more matches than these. */
  total: number;
  /**
   * True when some kind matched more than `candidateLimit` rows: only its newest
   * `candidateLimit` matches were ranked, and `total` and `pageCount` count only those.
   */
  capped: boolean;
  /** How many of the newest matches of each kind are ranked at most. */
  candidateLimit: number;
  page: number;
  pageSize: number;
  pageCount: number;
  results: SearchResult[];
}

const headlineOptions = `StartSel="${highlightStart}", StopSel="${highlightStop}", MaxWords=35, MinWords=15, ShortWord=3, MaxFragments=2, FragmentDelimiter=" … "`;
const titleOptions = `StartSel="${highlightStart}", StopSel="${highlightStop}", HighlightAll=true`;

/**
 * Markdown as the reader sees it, for snippets: a link shows its text, and the marks of emphasis,
 * code, headings, quotes and list items are dropped (what is written in the text stays, and the
 * snippet is escaped and highlighted as before). Not a Markdown parser: enough for a line of context.
 */
function markdownAsText(column: SQL) {
  const replace = (text: SQL, pattern: string, replacement: string) =>
    sql`regexp_replace(${text}, ${pattern}, ${replacement}, 'g')`;
  const links = replace(column, String.raw`!?\[([^]\n]*)\]\([^)\n]*\)`, String.raw`\1`);
  const autolinks = replace(links, String.raw`<(https?://[^>\s]+)>`, String.raw`\1`);
  const lineMarks = replace(
    autolinks,
    String.raw`(^|\n)[ \t]{0,3}(#{1,6}[ \t]+|>[ \t]?|[-+*][ \t]+|[0-9]+[.)][ \t]+)`,
    String.raw`\1`,
  );
  const underscores = replace(lineMarks, String.raw`(^|[^[:alnum:]_])_([^_\n]+)_($|[^[:alnum:]_])`, String.raw`\1\2\3`);
  return replace(underscores, String.raw`\*\*|__|~~|\*|\x60+`, "");
}

/** ts_headline over text whose own private-use marker characters are removed first, so only ours remain. */
function headline(column: SQL, query: string, options: string) {
  return sql<string>`ts_headline('swedish', translate(${column}, ${highlightStart + highlightStop}, ''), ${query}::tsquery, ${options})`;
}

function branchFilters(filter: SearchFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.focusAreaId !== undefined) where.push(sql`c.focus_area_id = ${filter.focusAreaId}`);
  if (filter.challengeId !== undefined) where.push(sql`c.id = ${filter.challengeId}`);
  return where;
}

/**
 * The page of hits. Each kind contributes at most its `candidateLimit` newest matches (one more is
 * read to tell whether there were more); only those are ranked, so a common word costs no more than
 * a rare one. `total` counts the ranked candidates and `capped` says whether any kind had more.
 */
function hitsQuery(query: string, filter: SearchFilter, limit: number, offset: number, candidateLimit: number): SQL | null {
  const common = branchFilters(filter);
  const status = filter.ideaStatus !== undefined ? [sql`i.status = ${filter.ideaStatus}`] : [];
  const wanted = (kind: SearchKind) => filter.kind === undefined || filter.kind === kind;
  const newest = (alias: string) => sql.raw(`order by ${alias}.created_at desc, ${alias}.id desc`);
  const branches: SQL[] = [];
  if (wanted("challenge") && filter.ideaStatus === undefined) {
    branches.push(sql`(select 'challenge' as kind, c.id, c.search, c.created_at
      from challenges c
      where ${sql.join([sql`c.search @@ ${query}::tsquery`, ...common], sql` and `)}
      ${newest("c")} limit ${candidateLimit + 1})`);
  }
  if (wanted("idea")) {
    branches.push(sql`(select 'idea' as kind, i.id, i.search, i.created_at
      from ideas i join challenges c on c.id = i.challenge_id
      where ${sql.join([sql`i.search @@ ${query}::tsquery`, sql`not i.hidden`, sql`i.deleted_at is null`, ...common, ...status], sql` and `)}
      ${newest("i")} limit ${candidateLimit + 1})`);
  }
  if (wanted("comment")) {
    branches.push(sql`(select 'comment' as kind, m.id, m.search, m.created_at
      from comments m join ideas i on i.id = m.idea_id join challenges c on c.id = i.challenge_id
      where ${sql.join(
        [
          sql`m.search @@ ${query}::tsquery`,
          sql`not m.hidden`,
          sql`m.deleted_at is null`,
          sql`not i.hidden`,
          sql`i.deleted_at is null`,
          ...common,
          ...status,
        ],
        sql` and `,
      )}
      ${newest("m")} limit ${candidateLimit + 1})`);
  }
  if (branches.length === 0) return null;
  // ts_rank runs after the filter on n, so only the kept candidates are scored.
  return sql`select kind, id, ts_rank(search, ${query}::tsquery) as rank,
      count(*) over ()::int as total, bool_or(matched > ${candidateLimit}) over () as capped
    from (select kind, id, search, created_at,
        row_number() over (partition by kind order by created_at desc, id desc) as n,
        count(*) over (partition by kind) as matched
      from (${sql.join(branches, sql` union all `)}) candidates) numbered
    where n <= ${candidateLimit}
    order by rank desc, created_at desc, kind, id desc
    limit ${limit} offset ${offset}`;
}

export interface SearchOptions {
  /** How many of the newest matches of each kind are ranked; `searchCandidateLimit` unless given. */
  candidateLimit?: number;
}

/**
 * Challenges, ideas and comments matching the words, best first. Hidden and deleted
 * content, and comments on hidden or deleted ideas, are never found. Of each kind only the
 * newest `searchCandidateLimit` matches are ranked; `capped` tells when there were more.
 */
export async function searchContent(
  db: DbOrTx,
  text: string,
  filter: SearchFilter = {},
  page = 1,
  options: SearchOptions = {},
): Promise<SearchPage> {
  const candidateLimit = options.candidateLimit ?? searchCandidateLimit;
  if (!Number.isInteger(candidateLimit) || candidateLimit < 1) throw new RangeError(`candidateLimit must be a positive integer`);
  const base = { page, pageSize: searchPageSize, candidateLimit };
  // PostgreSQL text cannot hold NUL, and no control character is part of a word.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const words = text.replace(/[\u0000-\u001f\u007f]/g, " ").slice(0, maxQueryLength);
  const query = await buildSearchQuery(db, words);
  if (query === null) return { searchable: false, total: 0, capped: false, ...base, pageCount: 0, results: [] };
  const hits = hitsQuery(query, filter, searchPageSize, (page - 1) * searchPageSize, candidateLimit);
  const rows = hits
    ? await selectRows<{ kind: SearchKind; id: number; rank: number; total: number; capped: boolean }>(db, hits)
    : [];
  const total = rows[0]?.total ?? 0;
  const capped = rows[0]?.capped ?? false;
  const ids = (kind: SearchKind) => rows.filter((r) => r.kind === kind).map((r) => r.id);
  const [challengeRows, ideaRows, commentRows] = await Promise.all([
    loadChallenges(db, ids("challenge"), query),
    loadIdeas(db, ids("idea"), query),
    loadComments(db, ids("comment"), query),
  ]);
  const found = new Map<string, SearchResult>();
  for (const c of challengeRows) found.set(`challenge:${c.id}`, { kind: "challenge", ...c, ...html(c), rank: 0 });
  for (const i of ideaRows) found.set(`idea:${i.id}`, { kind: "idea", ...i, ...html(i), rank: 0 });
  for (const m of commentRows) found.set(`comment:${m.id}`, { kind: "comment", ...m, ...html(m), rank: 0 });
  const results = rows.flatMap((r) => {
    const result = found.get(`${r.kind}:${r.id}`);
    return result ? [{ ...result, rank: r.rank }] : [];
  });
  return { searchable: true, total, capped, ...base, pageCount: Math.ceil(total / searchPageSize), results };
}

function html<T extends { title: string; snippet: string }>(row: T) {
  return { titleHtml: highlightToHtml(row.title), snippetHtml: highlightToHtml(row.snippet) };
}

async function loadChallenges(db: DbOrTx, ids: number[], query: string) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: challenges.id,
      slug: challenges.slug,
      status: challenges.status,
      createdAt: challenges.createdAt,
      focusAreaName: focusAreas.name,
      title: headline(sql`${challenges.title}`, query, titleOptions),
      snippet: headline(markdownAsText(sql`${challenges.summary} || E'\n' || ${challenges.description}`), query, headlineOptions),
    })
    .from(challenges)
    .innerJoin(focusAreas, eq(focusAreas.id, challenges.focusAreaId))
    .where(inArray(challenges.id, ids));
}

async function loadIdeas(db: DbOrTx, ids: number[], query: string) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: ideas.id,
      status: ideas.status,
      createdAt: ideas.createdAt,
      challengeSlug: challenges.slug,
      challengeTitle: challenges.title,
      authorName: users.displayName,
      title: headline(sql`${ideas.title}`, query, titleOptions),
      snippet: headline(markdownAsText(sql`${ideas.body}`), query, headlineOptions),
    })
    .from(ideas)
    .innerJoin(challenges, eq(challenges.id, ideas.challengeId))
    .innerJoin(users, eq(users.id, ideas.authorId))
    .where(inArray(ideas.id, ids));
}

async function loadComments(db: DbOrTx, ids: number[], query: string) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: comments.id,
      ideaId: comments.ideaId,
      createdAt: comments.createdAt,
      authorName: users.displayName,
      // The idea's title says where the comment was written; it is not part of the match.
      title: sql<string>`translate(${ideas.title}, ${highlightStart + highlightStop}, '')`,
      snippet: headline(markdownAsText(sql`${comments.body}`), query, headlineOptions),
    })
    .from(comments)
    .innerJoin(ideas, eq(ideas.id, comments.ideaId))
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(inArray(comments.id, ids));
}
