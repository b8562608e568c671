import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { challenges, ideas, revisions, users } from "../../../db/schema";
import { hotScore } from "../../../db/ranking";
import { renderMarkdown } from "../content/markdown.server";
import { recordEvent } from "../live/outbox.server";
import { recordIdeaCounters } from "./events.server";
import type { IdeaInput } from "./schemas";
import { checkSpam, spamProblem, type SpamProblem } from "../moderation/spam.server";
import { holdForPremoderation } from "../moderation/premoderation.server";
import { isRowId } from "../../../db/constants";
import type { WriteResult } from "../result";
import { supportsIdea } from "../votes/votes.server";

export type IdeaProblem = "challenge_not_found" | "challenge_closed" | "idea_not_found" | "idea_deleted" | SpamProblem;
export type Outcome<T extends object = object> = WriteResult<IdeaProblem, T>;

/** The challenge a new idea would go into, with whether it still takes ideas. */
export async function getChallengeForPosting(db: Db, slug: string) {
  const [row] = await db
    .select({ id: challenges.id, slug: challenges.slug, title: challenges.title, status: challenges.status })
    .from(challenges)
    .where(eq(challenges.slug, slug));
  return row ? { ...row, acceptsIdeas: row.status === "open" } : null;
}

export async function createIdea(
  db: Db,
  input: IdeaInput & { challengeId: number; authorId: string },
): Promise<Outcome<{ ideaId: number }>> {
  return db.transaction(async (tx) => {
    // Share-locks the challenge so it cannot close between the check and the insert.
    const [challenge] = await tx
      .select({ id: challenges.id, status: challenges.status })
      .from(challenges)
      .where(eq(challenges.id, input.challengeId))
      .for("share");
    if (!challenge) return { ok: false, problem: "challenge_not_found" } as const;
    if (challenge.status !== "open") return { ok: false, problem: "challenge_closed" } as const;
    const spam = await checkSpam(tx, input.authorId, `${input.title}\n${input.body}`);
    if (!spam.ok) return { ok: false, problem: spamProblem(spam) } as const;
    const now = new Date();
    const [idea] = await tx
      .insert(ideas)
      .values({
        challengeId: challenge.id,
        authorId: input.authorId,
        title: input.title,
        body: input.body,
        createdAt: now,
        lastActivityAt: now,
        hotScore: hotScore(0, now),
      })
      .returning();
    // A post held for pre-moderation must not reach the public room.
    const hold = await holdForPremoderation(tx, {
      type: "idea",
      id: idea.id,
      authorId: input.authorId,
      challengeId: challenge.id,
    });
    if (hold.held) return { ok: true, ideaId: idea.id, events: hold.events } as const;
    const [author] = await tx.select({ displayName: users.displayName }).from(users).where(eq(users.id, input.authorId));
    const event = await recordEvent(tx, `challenge:${challenge.id}`, "idea.created", {
      id: idea.id,
      title: idea.title,
      status: idea.status,
      supportCount: 0,
      commentCount: 0,
      createdAt: idea.createdAt.toISOString(),
      author: { id: input.authorId, displayName: author?.displayName ?? "" },
    });
    return { ok: true, ideaId: idea.id, events: [event] } as const;
  });
}

/** Saves the author's edit; the text it replaces goes into the revision history. */
export async function updateIdea(
  db: Db,
  input: IdeaInput & { ideaId: number; editorId: string },
): Promise<Outcome<{ changed: boolean }>> {
  return db.transaction(async (tx) => {
    const [idea] = await tx.select().from(ideas).where(eq(ideas.id, input.ideaId)).for("update");
    if (!idea) return { ok: false, problem: "idea_not_found" } as const;
    if (idea.deletedAt) return { ok: false, problem: "idea_deleted" } as const;
    if (idea.title === input.title && idea.body === input.body) return { ok: true, changed: false, events: [] } as const;
    await tx.insert(revisions).values({
      targetType: "idea",
      targetId: idea.id,
      editorId: input.editorId,
      title: idea.title,
      body: idea.body,
    });
    const editedAt = new Date();
    const [updated] = await tx
      .update(ideas)
      .set({ title: input.title, body: input.body, editedAt })
      .where(eq(ideas.id, idea.id))
      .returning();
    const events = [
      await recordEvent(tx, `idea:${idea.id}`, "idea.updated", {
        id: idea.id,
        title: updated.title,
        bodyHtml: renderMarkdown(updated.body),
        editedAt: editedAt.toISOString(),
        deleted: false,
        supportCount: updated.supportCount,
        commentCount: updated.commentCount,
        status: updated.status,
      }),
      await recordIdeaCounters(tx, updated, { title: updated.title }),
    ];
    return { ok: true, changed: true, events } as const;
  });
}

/** Soft delete: the page and its comments stay, the idea's text does not. */
export async function deleteIdea(db: Db, input: { ideaId: number }): Promise<Outcome<object>> {
  return db.transaction(async (tx) => {
    const [idea] = await tx.select().from(ideas).where(eq(ideas.id, input.ideaId)).for("update");
    if (!idea) return { ok: false, problem: "idea_not_found" } as const;
    if (idea.deletedAt) return { ok: true, events: [] } as const;
    await tx.update(ideas).set({ deletedAt: new Date() }).where(eq(ideas.id, idea.id));
    const events = [
      await recordEvent(tx, `idea:${idea.id}`, "idea.updated", { id: idea.id, deleted: true }),
      await recordIdeaCounters(tx, idea, { deleted: true }),
    ];
    return { ok: true, events } as const;
  });
}

export async function getIdea(db: Db, id: number, viewerId?: string | null) {
  if (!isRowId(id)) return null;
  const [row] = await db
    .select({
      idea: ideas,
      author: { id: users.id, displayName: users.displayName },
      challenge: { id: challenges.id, slug: challenges.slug, title: challenges.title, status: challenges.status },
      supportedByViewer: viewerId ? supportsIdea(viewerId, ideas.id) : sql<boolean>`false`,
    })
    .from(ideas)
    .innerJoin(users, eq(users.id, ideas.authorId))
    .innerJoin(challenges, eq(challenges.id, ideas.challengeId))
    .where(eq(ideas.id, id));
  if (!row) return null;
  return { ...row.idea, author: row.author, challenge: row.challenge, supportedByViewer: Boolean(row.supportedByViewer) };
}

/** Earlier versions of an idea or comment, newest first, with who made each edit. */
export function listRevisions(db: Db, targetType: "idea" | "comment", targetId: number) {
  return db
    .select({
      id: revisions.id,
      title: revisions.title,
      body: revisions.body,
      createdAt: revisions.createdAt,
      editor: { id: users.id, displayName: users.displayName },
    })
    .from(revisions)
    .innerJoin(users, eq(users.id, revisions.editorId))
    .where(and(eq(revisions.targetType, targetType), eq(revisions.targetId, targetId)))
    .orderBy(desc(revisions.createdAt), desc(revisions.id));
}
