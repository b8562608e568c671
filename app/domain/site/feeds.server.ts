import { and, desc, eq, isNull } from "drizzle-orm";
import { Feed } from "feed";
import type { Db } from "../../../db/client";
import { challenges, ideas, labProjects, projectUpdates } from "../../../db/schema";
import { renderMarkdown } from "../content/markdown.server";
import { recentPublishedNews } from "./news.server";

const feedSize = 50;
const siteName = "Samhällsforum";

interface Entry {
  title: string;
  path: string;
  date: Date;
  summary?: string;
  markdown: string;
}

/** Entry titles and summaries are type="html" in the library's output: plain text must be escaped. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Atom 1.0 through the `feed` library; ids are the entries' permanent URLs. */
function atom(origin: string, title: string, path: string, selfPath: string, entries: Entry[]): string {
  const feed = new Feed({
    id: `${origin}${path}`,
    link: `${origin}${path}`,
    title,
    language: "sv",
    copyright: siteName,
    updated: entries[0]?.date ?? new Date(0),
    generator: siteName,
    feedLinks: { atom: `${origin}${selfPath}` },
  });
  for (const e of entries) {
    feed.addItem({
      title: escapeHtml(e.title),
      id: `${origin}${e.path}`,
      link: `${origin}${e.path}`,
      date: e.date,
      description: e.summary === undefined ? undefined : escapeHtml(e.summary),
      content: renderMarkdown(e.markdown),
    });
  }
  return feed.atom1();
}

export async function newsFeed(db: Db, origin: string, title: string): Promise<string> {
  const items = await recentPublishedNews(db, feedSize);
  return atom(
    origin,
    title,
    "/aktuellt",
    "/aktuellt.atom",
    items.map((i) => ({
      title: i.title,
      path: `/aktuellt/${i.slug}`,
      date: i.publishedAt,
      summary: i.summary,
      markdown: i.body,
    })),
  );
}

/** A challenge's newest visible ideas; null when there is no such challenge. */
export async function challengeIdeasFeed(db: Db, origin: string, slug: string, titleFor: (challenge: string) => string) {
  const [challenge] = await db
    .select({ id: challenges.id, title: challenges.title })
    .from(challenges)
    .where(eq(challenges.slug, slug));
  if (!challenge) return null;
  const rows = await db
    .select({ id: ideas.id, title: ideas.title, body: ideas.body, createdAt: ideas.createdAt })
    .from(ideas)
    .where(and(eq(ideas.challengeId, challenge.id), eq(ideas.hidden, false), isNull(ideas.deletedAt)))
    .orderBy(desc(ideas.createdAt), desc(ideas.id))
    .limit(feedSize);
  return atom(
    origin,
    titleFor(challenge.title),
    `/utmaningar/${slug}`,
    `/utmaningar/${slug}/ideer.atom`,
    rows.map((r) => ({ title: r.title, path: `/ideer/${r.id}`, date: r.createdAt, markdown: r.body })),
  );
}

export async function projectUpdatesFeed(
  db: Db,
  origin: string,
  title: string,
  describe: (u: { projectTitle: string; kind: string; toStatus: string | null }) => string,
) {
  const rows = await db
    .select({
      id: projectUpdates.id,
      kind: projectUpdates.kind,
      body: projectUpdates.body,
      toStatus: projectUpdates.toStatus,
      createdAt: projectUpdates.createdAt,
      slug: labProjects.slug,
      projectTitle: labProjects.title,
    })
    .from(projectUpdates)
    .innerJoin(labProjects, eq(labProjects.id, projectUpdates.projectId))
    .orderBy(desc(projectUpdates.createdAt), desc(projectUpdates.id))
    .limit(feedSize);
  return atom(
    origin,
    title,
    "/projekt",
    "/projekt/uppdateringar.atom",
    rows.map((r) => ({
      title: describe(r),
      path: `/projekt/${r.slug}#uppdatering-${r.id}`,
      date: r.createdAt,
      markdown: r.body,
    })),
  );
}
