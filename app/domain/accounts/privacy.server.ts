import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import {
  users,
  sessions,
  ideas,
  comments,
  ideaSupports,
  commentVotes,
  revisions,
  follows,
  notifications,
  notificationPreferences,
  reports,
  passwordResetTokens,
  recoveryCodes,
  mailOutbox,
} from "../../../db/schema";
import { deleteIdea } from "../ideas/ideas.server";
import { deleteComment } from "../comments/comments.server";
import type { LiveEvent } from "../../realtime/events";
import { publicRevisions } from "../moderation/history.server";

/** Everything stored about the user, for "Ladda ner mina uppgifter". Never the password hash or 2FA secret. */
export async function exportUserData(db: Db, userId: string) {
  const [account] = await db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      locale: users.locale,
      suspendedUntil: users.suspendedUntil,
      twoFactorEnabledAt: users.totpEnabledAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!account) return null;
  const byUser = <T extends { userId: unknown }>(t: T) => eq(t.userId as never, userId);
  return {
    exportedAt: new Date().toISOString(),
    account,
    ideas: await db.select().from(ideas).where(eq(ideas.authorId, userId)),
    comments: await db.select().from(comments).where(eq(comments.authorId, userId)),
    // Versions a moderator's edit withheld from the public (personal data, often someone else's) stay out of the file too.
    revisionsEdited: await publicRevisions(db, await db.select().from(revisions).where(eq(revisions.editorId, userId))),
    supports: await db.select().from(ideaSupports).where(byUser(ideaSupports)),
    commentVotes: await db.select().from(commentVotes).where(byUser(commentVotes)),
    reportsMade: await db.select().from(reports).where(eq(reports.reporterId, userId)),
    follows: await db.select().from(follows).where(byUser(follows)),
    notifications: await db.select().from(notifications).where(byUser(notifications)),
    notificationPreferences: await db.select().from(notificationPreferences).where(byUser(notificationPreferences)),
    sessions: await db
      .select({ createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt })
      .from(sessions)
      .where(eq(sessions.userId, userId)),
    passwordResets: await db
      .select({
        createdAt: passwordResetTokens.createdAt,
        expiresAt: passwordResetTokens.expiresAt,
        usedAt: passwordResetTokens.usedAt,
      })
      .from(passwordResetTokens)
      .where(eq(passwordResetTokens.userId, userId)),
    recoveryCodes: await db
      .select({ createdAt: recoveryCodes.createdAt, usedAt: recoveryCodes.usedAt })
      .from(recoveryCodes)
      .where(eq(recoveryCodes.userId, userId)),
  };
}

export const formerParticipantName = "Tidigare deltagare";
const removedText = "";

/**
 * "Radera mitt konto": the account is anonymised (name, email, password and 2FA removed; sessions,
 * follows, notifications and preferences deleted). Posts either stay under "Tidigare deltagare"
 * or are removed: deleted and their text (and earlier versions) wiped. Supports and votes stay
 * as anonymous counts. Returns the live events of removed posts.
 */
export async function deleteAccount(
  db: Db,
  userId: string,
  posts: "keep" | "remove",
): Promise<{ ok: boolean; events: LiveEvent[] }> {
  const done = await db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, email: users.email, deletedAt: users.deletedAt })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    if (!user || user.deletedAt) return false;
    await tx
      .update(users)
      .set({
        displayName: formerParticipantName,
        email: `raderad-${userId}@invalid`,
        passwordHash: "!",
        totpSecret: null,
        totpEnabledAt: null,
        totpLastStep: null,
        deletedAt: new Date(),
      })
      .where(eq(users.id, userId));
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await tx.delete(passwordResetTokens).where(eq(passwordResetTokens.userId, userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await tx.delete(follows).where(eq(follows.userId, userId));
    await tx.delete(notifications).where(eq(notifications.userId, userId));
    await tx.delete(notificationPreferences).where(eq(notificationPreferences.userId, userId));
    // Mail queued for the address and not yet sent goes with the account: nothing reaches a deleted person.
    await tx.delete(mailOutbox).where(and(eq(mailOutbox.status, "pending"), sql`lower(${mailOutbox.to}) = lower(${user.email})`));
    return true;
  });
  if (!done || posts === "keep") return { ok: done, events: [] };
  const events: LiveEvent[] = [];
  const ownComments = await db.select({ id: comments.id }).from(comments).where(eq(comments.authorId, userId));
  for (const { id } of ownComments) {
    const outcome = await deleteComment(db, { commentId: id });
    if (outcome.ok) events.push(...outcome.events);
  }
  const ownIdeas = await db.select({ id: ideas.id }).from(ideas).where(eq(ideas.authorId, userId));
  for (const { id } of ownIdeas) {
    const outcome = await deleteIdea(db, { ideaId: id });
    if (outcome.ok) events.push(...outcome.events);
  }
  await db.transaction(async (tx) => {
    await tx.update(comments).set({ body: removedText }).where(eq(comments.authorId, userId));
    await tx.update(ideas).set({ title: removedText, body: removedText }).where(eq(ideas.authorId, userId));
    const commentIds = ownComments.map((c) => c.id);
    const ideaIds = ownIdeas.map((i) => i.id);
    if (commentIds.length)
      await tx.delete(revisions).where(and(eq(revisions.targetType, "comment"), inArray(revisions.targetId, commentIds)));
    if (ideaIds.length)
      await tx.delete(revisions).where(and(eq(revisions.targetType, "idea"), inArray(revisions.targetId, ideaIds)));
  });
  return { ok: true, events };
}
