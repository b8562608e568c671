import { and, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { ideas, ideaStatuses, users, type IdeaStatus } from "../../../db/schema";
import type { IdeaSort } from "./schemas";
import { isRowId } from "../../../db/constants";

export const ideasPerPage = 20;

/** Each sort is backed by one of the (challenge_id, key desc, id desc) indexes in db/schema/forum.ts. */
const sortKeys = {
  popular: ideas.hotScore,
  new: ideas.createdAt,
  supports: ideas.supportCount,
  comments: ideas.commentCount,
} as const;

export function isIdeaStatus(value: unknown): value is IdeaStatus {
  return typeof value === "string" && (ideaStatuses as readonly string[]).includes(value);
}

export interface IdeaListQuery {
  challengeId: number;
  sort: IdeaSort;
  status?: IdeaStatus;
  /** Keyset cursor: the id of the last idea on the previous page. */
  after?: number;
}

/**
 * One page of a challenge's ideas. Keyset pagination: the next page starts after the
 * (sort key, id) of the cursor idea, read by its primary key, so the database walks the
 * index instead of counting past skipped rows.
 */
export async function listChallengeIdeas(db: Db, query: IdeaListQuery) {
  const key = sortKeys[query.sort];
  const where: SQL[] = [eq(ideas.challengeId, query.challengeId), isNull(ideas.deletedAt), eq(ideas.hidden, false)];
  if (query.status) where.push(eq(ideas.status, query.status));
  if (query.after !== undefined && isRowId(query.after)) {
    where.push(
      sql`(${key}, ${ideas.id}) < (select c.${sql.identifier(key.name)}, c.id from ${ideas} c where c.id = ${query.after})`,
    );
  }
  const rows = await db
    .select({
      id: ideas.id,
      title: ideas.title,
      status: ideas.status,
      supportCount: ideas.supportCount,
      commentCount: ideas.commentCount,
      pinned: ideas.pinned,
      createdAt: ideas.createdAt,
      author: { id: users.id, displayName: users.displayName },
    })
    .from(ideas)
    .innerJoin(users, eq(users.id, ideas.authorId))
    .where(and(...where))
    .orderBy(desc(key), desc(ideas.id))
    .limit(ideasPerPage + 1);
  const hasMore = rows.length > ideasPerPage;
  const page = rows.slice(0, ideasPerPage);
  return { ideas: page, nextCursor: hasMore ? page[page.length - 1].id : null };
}
