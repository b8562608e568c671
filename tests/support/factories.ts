import type { Db } from "../../db/client";
import { challenges, focusAreas, users, type Role } from "../../db/schema";
import { newId } from "../../db/ids";
import { hashPassword } from "../../db/password";
import type { ChallengeStatus } from "../../db/constants";
import type { Actor } from "../../app/auth/permissions";
import { createIdea } from "../../app/domain/ideas/ideas.server";
import { createComment } from "../../app/domain/comments/comments.server";

/**
 * Rows a test needs, made on any database, seeded or empty: nothing here reads the demo seed, and
 * every name is unique, so factories from several tests never collide. Ideas and comments go
 * through the domain functions the routes call, so counters, revisions and live events are as a
 * resident's post leaves them.
 */

export interface Person extends Actor {
  email: string;
  displayName: string;
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${newId().slice(0, 4)}`;

/** A person who can sign in with `password` when one is given (hashing costs ~50 ms; without it, no sign-in). */
export async function makePerson(
  db: Db,
  options: { role?: Role; name?: string; email?: string; password?: string; createdAt?: Date } = {},
): Promise<Person> {
  const id = newId();
  const role = options.role ?? "resident";
  const person = {
    id,
    email: options.email ?? `person-${unique()}@example.se`,
    displayName: options.name ?? `Person ${id.slice(0, 4)}`,
    role,
  };
  await db.insert(users).values({
    ...person,
    passwordHash: options.password ? await hashPassword(options.password) : "not-a-login",
    // Old enough that the new-account rules (pre-moderation, link limits) do not apply unless asked for.
    createdAt: options.createdAt ?? new Date(Date.now() - 30 * 86_400_000),
  });
  return { ...person, suspendedUntil: null };
}

/** Several residents at once, in one insert. */
export async function makeResidents(db: Db, count: number, prefix = "boende"): Promise<string[]> {
  const rows = Array.from({ length: count }, (_, i) => ({
    id: newId(),
    email: `${prefix}${i}-${unique()}@example.se`,
    displayName: `${prefix} ${i}`,
    passwordHash: "not-a-login",
  }));
  await db.insert(users).values(rows);
  return rows.map((r) => r.id);
}

export async function makeFocusArea(db: Db, options: { name?: string } = {}) {
  const slug = `fokus-${unique()}`;
  const [row] = await db
    .insert(focusAreas)
    .values({ slug, name: options.name ?? "Fokusområde", summary: "Ett fokusområde.", description: "Om fokusområdet." })
    .returning();
  return row;
}

/** An open challenge (in a focus area of its own unless one is given). */
export async function makeChallenge(
  db: Db,
  options: {
    title?: string;
    status?: ChallengeStatus;
    focusAreaId?: number;
    supportThreshold?: number;
    reportThreshold?: number;
    premoderateNewAccounts?: boolean;
  } = {},
) {
  const focusAreaId = options.focusAreaId ?? (await makeFocusArea(db)).id;
  const [row] = await db
    .insert(challenges)
    .values({
      slug: `utmaning-${unique()}`,
      focusAreaId,
      title: options.title ?? "En utmaning",
      summary: "Kort om utmaningen.",
      description: "Utmaningen beskrivs här.",
      status: options.status ?? "open",
      supportThreshold: options.supportThreshold,
      reportThreshold: options.reportThreshold,
      premoderateNewAccounts: options.premoderateNewAccounts,
    })
    .returning();
  return row;
}

/** An idea posted as a resident posts one; the challenge and the author are made when not given. */
export async function makeIdea(
  db: Db,
  options: { challengeId?: number; authorId?: string; title?: string; body?: string } = {},
): Promise<{ ideaId: number; challengeId: number; authorId: string }> {
  const challengeId = options.challengeId ?? (await makeChallenge(db)).id;
  const authorId = options.authorId ?? (await makePerson(db)).id;
  const result = await createIdea(db, {
    challengeId,
    authorId,
    title: options.title ?? "Läxhjälp på biblioteket",
    body: options.body ?? "Öppet varje tisdag efter skolan.",
  });
  if (!result.ok) throw new Error(`makeIdea: ${result.problem}`);
  return { ideaId: result.ideaId, challengeId, authorId };
}

/** A comment (or a reply, with parentId) posted as a resident posts one. */
export async function makeComment(
  db: Db,
  options: { ideaId: number; authorId?: string; body?: string; parentId?: number },
): Promise<{ commentId: number; authorId: string }> {
  const authorId = options.authorId ?? (await makePerson(db)).id;
  const result = await createComment(db, {
    ideaId: options.ideaId,
    authorId,
    body: options.body ?? "En kommentar.",
    parentId: options.parentId,
  });
  if (!result.ok) throw new Error(`makeComment: ${result.problem}`);
  return { commentId: result.commentId, authorId };
}
