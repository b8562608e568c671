import { and, asc, desc, eq, gte, or, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { newsItems } from "../../../db/schema";
import { recordAudit } from "../audit/audit.server";
import { insertWithUniqueSlug, slugify } from "./slugs.server";
import type { NewsForm } from "./schemas";
import { fromLocalInput } from "./time";

export type NewsItem = typeof newsItems.$inferSelect;

/** Published items only, unless staff are looking. */
function visible(includeUnpublished: boolean): SQL | undefined {
  return includeUnpublished ? undefined : eq(newsItems.published, true);
}

/** An event is upcoming until it has ended (or, without an end, until its start has passed). */
function upcomingCondition(now: Date): SQL {
  return and(
    eq(newsItems.kind, "event"),
    or(gte(newsItems.endsAt, now), and(isNull(newsItems.endsAt), gte(newsItems.startsAt, now))),
  )!;
}

/** The Aktuellt listing: upcoming events first (soonest first), then everything else, newest first. */
export async function listNews(db: Db, options: { includeUnpublished?: boolean; now?: Date; limit?: number } = {}) {
  const now = options.now ?? new Date();
  const show = visible(options.includeUnpublished ?? false);
  const upcoming = await db
    .select()
    .from(newsItems)
    .where(and(show, upcomingCondition(now)))
    .orderBy(asc(newsItems.startsAt), asc(newsItems.id));
  const rest = await db
    .select()
    .from(newsItems)
    .where(and(show, sql`not (${upcomingCondition(now)})`))
    .orderBy(desc(newsItems.publishedAt), desc(newsItems.id))
    .limit(options.limit ?? 100);
  return { upcoming, rest };
}

/** For the home page: the next upcoming events and the newest items. */
export async function latestNews(db: Db, count = 3, now = new Date()) {
  const { upcoming, rest } = await listNews(db, { now, limit: count });
  return [...upcoming, ...rest].slice(0, count);
}

/** Newest published items for the feed. */
export function recentPublishedNews(db: Db, limit = 50) {
  return db
    .select()
    .from(newsItems)
    .where(eq(newsItems.published, true))
    .orderBy(desc(newsItems.publishedAt), desc(newsItems.id))
    .limit(limit);
}

export async function getNewsBySlug(
  db: Db,
  slug: string,
  options: { includeUnpublished?: boolean } = {},
): Promise<NewsItem | null> {
  const [row] = await db
    .select()
    .from(newsItems)
    .where(and(eq(newsItems.slug, slug), visible(options.includeUnpublished ?? false)));
  return row ?? null;
}

export async function getNewsById(db: Db, id: number): Promise<NewsItem | null> {
  const [row] = await db.select().from(newsItems).where(eq(newsItems.id, id));
  return row ?? null;
}

function columns(input: NewsForm) {
  const isEvent = input.kind === "event";
  return {
    kind: input.kind,
    title: input.title,
    summary: input.summary,
    body: input.body,
    publishedAt: fromLocalInput(`${input.date}T12:00`),
    published: input.published,
    startsAt: isEvent && input.startsAt ? fromLocalInput(input.startsAt) : null,
    endsAt: isEvent && input.endsAt ? fromLocalInput(input.endsAt) : null,
    location: isEvent ? input.location || null : null,
    online: isEvent && input.online,
    recordingUrl: isEvent ? input.recordingUrl || null : null,
  };
}

export async function createNews(db: Db, actorId: string, input: NewsForm): Promise<NewsItem> {
  return db.transaction(async (tx) => {
    const base = slugify(input.title, "aktuellt").replace(/^projekt$/, "aktuellt");
    const [row] = await insertWithUniqueSlug(
      tx,
      { table: newsItems, column: newsItems.slug, constraint: "news_items_slug_key" },
      base,
      (slug, savepoint) =>
        savepoint
          .insert(newsItems)
          .values({ ...columns(input), slug, authorId: actorId })
          .returning(),
    );
    await recordAudit(tx, {
      actorId,
      action: "news.create",
      targetType: "news",
      targetId: row.id,
      public: false,
      details: { title: row.title },
    });
    return row;
  });
}

/** Saves an edit; the slug stays so that links already shared keep working. */
export async function updateNews(db: Db, actorId: string, id: number, input: NewsForm): Promise<NewsItem | null> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(newsItems).where(eq(newsItems.id, id)).for("update");
    if (!before) return null;
    const [row] = await tx
      .update(newsItems)
      .set({ ...columns(input), updatedAt: new Date() })
      .where(eq(newsItems.id, id))
      .returning();
    await recordAudit(tx, {
      actorId,
      action: "news.update",
      targetType: "news",
      targetId: id,
      public: false,
      details: { before: { title: before.title, summary: before.summary, body: before.body, published: before.published } },
    });
    return row;
  });
}
