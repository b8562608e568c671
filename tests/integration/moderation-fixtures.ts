import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { challenges, comments, ideas, users, type Role } from "../../db/schema";
import { makeChallenge, makePerson } from "../support/factories";
import type { Actor } from "../../app/auth/permissions";

/** Set-up shared by the moderation tests: people, an idea and a comment to report. */
export async function actorByEmail(db: Db, email: string): Promise<Actor & { displayName: string }> {
  const [row] = await db.select().from(users).where(eq(users.email, email));
  if (!row) throw new Error(`no user ${email}`);
  return { id: row.id, role: row.role, suspendedUntil: row.suspendedUntil, displayName: row.displayName };
}

/** A person to act or be acted on (tests/support/factories.ts). */
export async function createUser(db: Db, options: { role?: Role; createdAt?: Date; name?: string } = {}): Promise<Actor> {
  const { id, role, suspendedUntil } = await makePerson(db, options);
  return { id, role, suspendedUntil };
}

/** The seed's first open challenge, for tests on the demo content. */
export async function firstOpenChallenge(db: Db) {
  const [row] = await db.select().from(challenges).where(eq(challenges.status, "open")).limit(1);
  return row;
}

/** An idea with one comment, in a challenge of their own: no demo content needed. */
export async function createIdeaWithComment(db: Db, authorId: string, commenterId: string, text = "Dumma idioter allihop") {
  const challenge = await makeChallenge(db);
  const [idea] = await db
    .insert(ideas)
    .values({ challengeId: challenge.id, authorId, title: "Läxhjälp på biblioteket", body: "Öppet varje tisdag." })
    .returning();
  const [comment] = await db.insert(comments).values({ ideaId: idea.id, authorId: commenterId, body: text }).returning();
  await db.update(comments).set({ rootId: comment.id }).where(eq(comments.id, comment.id));
  await db.update(ideas).set({ commentCount: 1 }).where(eq(ideas.id, idea.id));
  return { idea, comment, challenge };
}
