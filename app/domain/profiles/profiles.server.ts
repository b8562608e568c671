import { and, count, desc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { challenges, comments, ideas, users } from "../../../db/schema";

export const profilePageSize = 10;

/** What anyone may see about a user: never the email address. */
export async function getPublicProfile(db: DbOrTx, userId: string) {
  const [user] = await db
    .select({ id: users.id, displayName: users.displayName, role: users.role, memberSince: users.createdAt })
    .from(users)
    .where(eq(users.id, userId));
  return user ?? null;
}

const visibleIdea = and(eq(ideas.hidden, false), isNull(ideas.deletedAt));
const visibleComment = and(eq(comments.hidden, false), isNull(comments.deletedAt), visibleIdea);

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageCount: number;
}

function paged<T>(items: T[], total: number, page: number): Paged<T> {
  return { items, total, page, pageCount: Math.ceil(total / profilePageSize) };
}

/** The user's visible ideas, newest first (ideas_author_idx). */
export async function listProfileIdeas(db: DbOrTx, userId: string, page = 1): Promise<Paged<ProfileIdea>> {
  const where = and(eq(ideas.authorId, userId), visibleIdea);
  const [items, [{ total }]] = await Promise.all([
    db
      .select({
        id: ideas.id,
        title: ideas.title,
        status: ideas.status,
        supportCount: ideas.supportCount,
        commentCount: ideas.commentCount,
        createdAt: ideas.createdAt,
        challengeSlug: challenges.slug,
        challengeTitle: challenges.title,
      })
      .from(ideas)
      .innerJoin(challenges, eq(challenges.id, ideas.challengeId))
      .where(where)
      .orderBy(desc(ideas.createdAt), desc(ideas.id))
      .limit(profilePageSize)
      .offset((page - 1) * profilePageSize),
    db.select({ total: count() }).from(ideas).where(where),
  ]);
  return paged(items, total, page);
}

export type ProfileIdea = {
  id: number;
  title: string;
  status: string;
  supportCount: number;
  commentCount: number;
  createdAt: Date;
  challengeSlug: string;
  challengeTitle: string;
};

/** The user's visible comments on visible ideas, newest first (comments_author_idx). */
export async function listProfileComments(db: DbOrTx, userId: string, page = 1): Promise<Paged<ProfileComment>> {
  const where = and(eq(comments.authorId, userId), visibleComment);
  const [items, [{ total }]] = await Promise.all([
    db
      .select({
        id: comments.id,
        body: comments.body,
        createdAt: comments.createdAt,
        ideaId: ideas.id,
        ideaTitle: ideas.title,
      })
      .from(comments)
      .innerJoin(ideas, eq(ideas.id, comments.ideaId))
      .where(where)
      .orderBy(desc(comments.createdAt), desc(comments.id))
      .limit(profilePageSize)
      .offset((page - 1) * profilePageSize),
    db.select({ total: count() }).from(comments).innerJoin(ideas, eq(ideas.id, comments.ideaId)).where(where),
  ]);
  return paged(
    items.map(({ body, ...c }) => ({ ...c, excerpt: excerpt(body) })),
    total,
    page,
  );
}

export type ProfileComment = {
  id: number;
  excerpt: string;
  createdAt: Date;
  ideaId: number;
  ideaTitle: string;
};

const excerptLength = 200;

/** The first words of a Markdown comment as plain text, for a list. */
export function excerpt(markdown: string): string {
  const plain = markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*_`>#~]+/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return plain.length > excerptLength ? `${plain.slice(0, excerptLength - 1).trimEnd()}…` : plain;
}
