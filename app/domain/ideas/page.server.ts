/**
 * The idea page's read of the idea: one prepared statement for the idea, its author and challenge,
 * whether the viewer supports and follows it, and its way to the lab (each part's rule stays in its
 * own module, as a subquery). Its comments are read by listCommentThreads.
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { challenges, ideas, users } from "../../../db/schema";
import { isRowId } from "../../../db/constants";
import { supportsIdea } from "../votes/votes.server";
import { followsTarget } from "../notifications/notifications.server";
import { ideaLabColumns, toIdeaLabInfo } from "../projects/projects.server";

function prepareIdeaPageRead(db: Db) {
  const viewer = sql.placeholder("viewer");
  return db
    .select({
      idea: ideas,
      author: { id: users.id, displayName: users.displayName },
      challenge: { id: challenges.id, slug: challenges.slug, title: challenges.title, status: challenges.status },
      supportedByViewer: supportsIdea(viewer, ideas.id),
      followedByViewer: followsTarget(viewer, "idea", ideas.id),
      ...ideaLabColumns(),
    })
    .from(ideas)
    .innerJoin(users, eq(users.id, ideas.authorId))
    .innerJoin(challenges, eq(challenges.id, ideas.challengeId))
    .where(eq(ideas.id, sql.placeholder("id")))
    .prepare("idea_page");
}

const prepared = new WeakMap<Db, ReturnType<typeof prepareIdeaPageRead>>();

/** The idea as its page shows it to `viewerId` (null: a visitor), or null when there is none. */
export async function getIdeaPage(db: Db, id: number, viewerId: string | null) {
  if (!isRowId(id)) return null;
  let read = prepared.get(db);
  if (!read) prepared.set(db, (read = prepareIdeaPageRead(db)));
  const [row] = await read.execute({ id, viewer: viewerId });
  if (!row) return null;
  return {
    ...row.idea,
    author: row.author,
    challenge: row.challenge,
    supportedByViewer: Boolean(row.supportedByViewer),
    followedByViewer: Boolean(row.followedByViewer),
    lab: toIdeaLabInfo({ status: row.idea.status, supportCount: row.idea.supportCount, ...row }),
  };
}
