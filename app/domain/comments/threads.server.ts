/**
 * Reading an idea's comments: the idea page's threads with their first replies, and the thread page
 * with all of one thread's replies. Writing them is in comments.server.ts.
 */
import { and, asc, desc, eq, getTableColumns, gt, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../../db/client";
import { comments, users } from "../../../db/schema";
import { toView, type CommentView } from "./comments.server";
import { isRowId } from "../../../db/constants";
import { voteOn } from "../votes/votes.server";

export const threadsPerPage = 50;
/** The idea page shows this many replies of each thread; the rest are on the thread page. */
export const repliesPerThread = 20;
/** Replies per page of the thread page. */
export const threadRepliesPerPage = 100;

export interface CommentItem extends CommentView {
  /** Set when the reply is shown flattened, below the depth the page indents to. */
  replyTo: { id: number; displayName: string } | null;
}

/** The columns a comment is shown from (not the search vector). */
const { search: _search, ...shownColumns } = getTableColumns(comments);

/**
 * A page of top-level threads with the first replies of each (at most `replies` per thread, the
 * oldest first). Keyset pagination on comments_idea_roots_idx: the cursor is the id of the last
 * thread on the previous page. `threadsWithMoreReplies` lists the roots whose replies go on past
 * what is shown. A reply is always newer than its parent, so the oldest replies of a thread are
 * a whole subtree of it and still form a tree.
 */
export async function listCommentThreads(
  db: Db,
  ideaId: number,
  after?: number,
  options: { replies?: number; viewerId?: string | null } = {},
) {
  const replyLimit = options.replies ?? repliesPerThread;
  const viewerId = options.viewerId ?? null;
  const conditions = [eq(comments.ideaId, ideaId), isNull(comments.parentId)];
  if (after !== undefined && isRowId(after)) {
    conditions.push(
      sql`(${comments.createdAt}, ${comments.id}) > (select c.created_at, c.id from ${comments} c where c.id = ${after})`,
    );
  }
  const roots = await db
    .select({
      comment: shownColumns,
      author: { id: users.id, displayName: users.displayName },
      viewerVote: viewerId ? voteOn(viewerId, comments.id) : sql<null>`null`,
    })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(and(...conditions))
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .limit(threadsPerPage + 1);
  const hasMore = roots.length > threadsPerPage;
  const pageRoots = roots.slice(0, threadsPerPage);
  const rootIds = pageRoots.map((r) => r.comment.id);
  const replies = rootIds.length ? await firstReplies(db, rootIds, replyLimit + 1, viewerId) : [];
  // One reply past the limit was read to tell whether a thread goes on; it is not shown.
  const shownPerRoot = new Map<number, number>();
  const threadsWithMoreReplies: number[] = [];
  const shownReplies = replies.filter((r) => {
    const rootId = r.comment.rootId!;
    const shown = shownPerRoot.get(rootId) ?? 0;
    if (shown < replyLimit) {
      shownPerRoot.set(rootId, shown + 1);
      return true;
    }
    if (shown === replyLimit) {
      shownPerRoot.set(rootId, shown + 1);
      threadsWithMoreReplies.push(rootId);
    }
    return false;
  });
  const items: CommentItem[] = [
    ...pageRoots.map((r) => ({ ...toView(r.comment, r.author), replyTo: null })),
    ...shownReplies.map((r) => ({
      ...toView(r.comment, r.author),
      replyTo: { id: r.comment.parentId!, displayName: r.parentAuthorName },
    })),
  ];
  // The viewer's votes on the comments shown, read with them.
  const votes: Record<number, number> = {};
  for (const r of [...pageRoots, ...shownReplies]) if (r.viewerVote !== null) votes[r.comment.id] = Number(r.viewerVote);
  return {
    comments: orderThreads(items),
    votes,
    nextCursor: hasMore ? pageRoots[pageRoots.length - 1].comment.id : null,
    threadsWithMoreReplies,
  };
}

/**
 * The oldest `limit` replies of each of the threads, in one query: for each root, a walk of
 * comments_root_idx (root_id, created_at, id) that stops after `limit` rows, however long the thread.
 */
function firstReplies(db: Db, rootIds: number[], limit: number, viewerId: string | null) {
  const root = alias(comments, "root_comment");
  const parentRow = alias(comments, "parent_comment");
  const parentAuthor = alias(users, "parent_author");
  const reply = db
    .select(shownColumns)
    .from(comments)
    .where(and(eq(comments.rootId, root.id), gt(comments.depth, 0)))
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .limit(limit)
    .as("reply");
  return db
    .select({
      comment: {
        id: reply.id,
        ideaId: reply.ideaId,
        parentId: reply.parentId,
        rootId: reply.rootId,
        depth: reply.depth,
        authorId: reply.authorId,
        body: reply.body,
        score: reply.score,
        hidden: reply.hidden,
        hiddenReason: reply.hiddenReason,
        deletedAt: reply.deletedAt,
        editedAt: reply.editedAt,
        createdAt: reply.createdAt,
      },
      author: { id: users.id, displayName: users.displayName },
      parentAuthorName: parentAuthor.displayName,
      viewerVote: viewerId ? voteOn(viewerId, reply.id) : sql<null>`null`,
    })
    .from(root)
    .crossJoinLateral(reply)
    .innerJoin(users, eq(users.id, reply.authorId))
    .innerJoin(parentRow, eq(parentRow.id, reply.parentId))
    .innerJoin(parentAuthor, eq(parentAuthor.id, parentRow.authorId))
    .where(inArray(root.id, rootIds))
    .orderBy(asc(reply.createdAt), asc(reply.id));
}

/**
 * One thread for the thread page: its top-level comment and a page of its replies in the order they
 * were written, keyset-paged on comments_root_idx (the cursor is the id of the last reply shown).
 * Null when `rootId` is not a top-level comment of the idea. A cursor that is not a reply of this
 * thread is ignored: the page starts at the first reply.
 */
export async function getThread(
  db: Db,
  ideaId: number,
  rootId: number,
  options: { after?: number | null; pageSize?: number } = {},
) {
  if (!isRowId(rootId)) return null;
  const pageSize = options.pageSize ?? threadRepliesPerPage;
  const after = options.after;
  const validAfter = after != null && isRowId(after) ? after : null;
  const [[root], [cursor]] = await Promise.all([
    db
      .select({ comment: shownColumns, author: { id: users.id, displayName: users.displayName } })
      .from(comments)
      .innerJoin(users, eq(users.id, comments.authorId))
      .where(and(eq(comments.id, rootId), eq(comments.ideaId, ideaId), isNull(comments.parentId))),
    validAfter
      ? db
          .select({ id: comments.id })
          .from(comments)
          .where(and(eq(comments.id, validAfter), eq(comments.rootId, rootId), gt(comments.depth, 0)))
      : Promise.resolve([] as { id: number }[]),
  ]);
  if (!root) return null;
  const parentRow = alias(comments, "parent_comment");
  const parentAuthor = alias(users, "parent_author");
  const conditions = [eq(comments.rootId, rootId), gt(comments.depth, 0)];
  if (cursor) {
    conditions.push(
      sql`(${comments.createdAt}, ${comments.id}) > (select c.created_at, c.id from ${comments} c where c.id = ${cursor.id})`,
    );
  }
  const rows = await db
    .select({
      comment: shownColumns,
      author: { id: users.id, displayName: users.displayName },
      parentAuthorName: parentAuthor.displayName,
    })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .innerJoin(parentRow, eq(parentRow.id, comments.parentId))
    .innerJoin(parentAuthor, eq(parentAuthor.id, parentRow.authorId))
    .where(and(...conditions))
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .limit(pageSize + 1);
  const page = rows.slice(0, pageSize);
  return {
    root: { ...toView(root.comment, root.author), replyTo: null, indent: 0 },
    // Shown flat, in the order they were written: each names whom it answers unless that is the root.
    replies: page.map((r) => ({
      ...toView(r.comment, r.author),
      replyTo: r.comment.parentId === rootId ? null : { id: r.comment.parentId!, displayName: r.parentAuthorName },
      indent: 1,
    })),
    nextCursor: rows.length > pageSize ? page[page.length - 1].comment.id : null,
    /** Whether this page starts after the first reply (the reader came with a cursor). */
    continued: cursor !== undefined,
  };
}

/**
 * Where a new comment shows: null when it is on the idea page (a top-level comment, or among the
 * first `repliesPerThread` replies of its thread), otherwise its thread and the cursor of the
 * thread page that starts with it. Reads at most `repliesPerThread` rows, backwards on comments_root_idx.
 */
export async function threadPageOf(db: Db, commentId: number): Promise<{ rootId: number; after: number } | null> {
  // The comment's own row is read in subqueries, so the planner sees one thread and walks its index backwards.
  const own = sql`(select c.root_id from ${comments} c where c.id = ${commentId} and c.depth > 0)`;
  const earlier = await db
    .select({ id: comments.id, rootId: comments.rootId })
    .from(comments)
    .where(
      and(
        sql`${comments.rootId} = ${own}`,
        gt(comments.depth, 0),
        sql`(${comments.createdAt}, ${comments.id}) < (select c.created_at, c.id from ${comments} c where c.id = ${commentId})`,
      ),
    )
    .orderBy(desc(comments.createdAt), desc(comments.id))
    .limit(repliesPerThread);
  if (earlier.length < repliesPerThread) return null;
  return { rootId: earlier[0].rootId!, after: earlier[0].id };
}

/**
 * The page of the thread page a reply in thread `rootId` shows on, for a writer who was on the page
 * after cursor `after` (the first page when null): that same page when the reply is among its
 * `pageSize` replies, otherwise the page that starts with the reply. A cursor that is not an earlier
 * reply of the thread counts as the first page, as on the thread page. Null when the comment is not
 * a reply in that thread.
 */
export async function threadPageFor(
  db: Db,
  commentId: number,
  rootId: number,
  after: number | null,
  pageSize = threadRepliesPerPage,
): Promise<{ after: number | null } | null> {
  const [own] = await db
    .select({
      cursorIsEarlier: after
        ? sql<boolean>`exists (select 1 from ${comments} c, ${comments} o where c.id = ${after} and c.root_id = ${rootId} and c.depth > 0 and o.id = ${commentId} and (c.created_at, c.id) < (o.created_at, o.id))`
        : sql<boolean>`false`,
    })
    .from(comments)
    .where(and(eq(comments.id, commentId), eq(comments.rootId, rootId), gt(comments.depth, 0)));
  if (!own) return null;
  const cursor = own.cursorIsEarlier ? after : null;
  const conditions = [
    eq(comments.rootId, rootId),
    gt(comments.depth, 0),
    sql`(${comments.createdAt}, ${comments.id}) < (select c.created_at, c.id from ${comments} c where c.id = ${commentId})`,
  ];
  if (cursor)
    conditions.push(
      sql`(${comments.createdAt}, ${comments.id}) > (select c.created_at, c.id from ${comments} c where c.id = ${cursor})`,
    );
  // The replies between the page's start and the new one, newest first, at most a page of them.
  const earlier = await db
    .select({ id: comments.id })
    .from(comments)
    .where(and(...conditions))
    .orderBy(desc(comments.createdAt), desc(comments.id))
    .limit(pageSize);
  return earlier.length < pageSize ? { after: cursor } : { after: earlier[0].id };
}

/** Replies are indented up to this depth; deeper ones line up under it and name whom they answer. */
export const maxIndent = 3;

/** Depth-first order (each reply right after its parent), with the indent each comment is shown at. */
export function orderThreads(items: CommentItem[]): (CommentItem & { indent: number })[] {
  const children = new Map<number | null, CommentItem[]>();
  for (const item of items) {
    const siblings = children.get(item.parentId);
    if (siblings) siblings.push(item);
    else children.set(item.parentId, [item]);
  }
  const out: (CommentItem & { indent: number })[] = [];
  // An explicit stack: a thread may be deeper than the call stack allows.
  const stack = [...(children.get(null) ?? [])].reverse();
  while (stack.length > 0) {
    const item = stack.pop()!;
    out.push({ ...item, indent: Math.min(item.depth, maxIndent), replyTo: item.depth > maxIndent ? item.replyTo : null });
    const replies = children.get(item.id);
    if (replies) for (let i = replies.length - 1; i >= 0; i--) stack.push(replies[i]);
  }
  return out;
}
