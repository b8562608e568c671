import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { challenges, comments, ideas, users, type Role } from "../../db/schema";
import { newId } from "../../db/ids";
import type { Actor } from "../../app/auth/permissions";

/** Set-up shared by the moderation tests: people, an idea and a comment to report. */
export async function actorByEmail(db: Db, email: string): Promise<Actor & { displayName: string }> {
  const [row] = await db.select().from(users).where(eq(users.email, email));
  if (!row) throw new Error(`no user ${email}`);
  return { id: row.id, role: row.role, suspendedUntil: row.suspendedUntil, displayName: row.displayName };
}

export async function createUser(db: Db, options: { role?: Role; createdAt?: Date; name?: string } = {}): Promise<Actor> {
  const id = newId();
  await db.insert(users).values({
    id,
    email: `m-${id}@example.se`,
    displayName: options.name ?? `Person ${id.slice(0, 4)}`,
    passwordHash: "not-a-login",
    role: options.role ?? "resident",
    createdAt: options.createdAt ?? new Date(Date.now() - 30 * 86_400_000),
  });
  return { id, role: options.role ?? "resident", suspendedUntil: null };
}

export async function firstOpenChallenge(db: Db) {
  const [row] = await db.select().from(challenges).where(eq(challenges.status, "open")).limit(1);
  return row;
}

export async function createIdeaWithComment(db: Db, authorId: string, commenterId: string, text = "Dumma idioter allihop") {
  const challenge = await firstOpenChallenge(db);
  const [idea] = await db
    .insert(ideas)
    .values({ challengeId: challenge.id, authorId, title: "Läxhjälp på biblioteket", body: "Öppet varje tisdag." })
    .returning();
  const [comment] = await db.insert(comments).values({ ideaId: idea.id, authorId: commenterId, body: text }).returning();
  await db.update(comments).set({ rootId: comment.id }).where(eq(comments.id, comment.id));
  await db.update(ideas).set({ commentCount: 1 }).where(eq(ideas.id, idea.id));
  return { idea, comment, challenge };
}
