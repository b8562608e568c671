import crypto from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { passwordResetTokens, sessions, users } from "../../../db/schema";
import { hashPassword, checkPasswordPolicy, type PasswordProblem } from "../../../db/password";
import { normaliseEmail } from "./accounts.server";
import { enqueueMail } from "../mail/outbox.server";
import type { Result } from "../result";

export const resetTokenLifetimeMs = 60 * 60 * 1000;

function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export interface ResetRequest {
  token: string;
  to: string;
  displayName: string;
  locale: "sv" | "en";
}

/**
 * A one-time reset token for the email's account, or null for an unknown (or deleted) email.
 * The caller answers both cases the same way. Only the token's hash is stored; the link with the
 * token goes to the mail outbox in the same transaction (and is emptied from it once sent).
 */
export async function createResetToken(db: Db, email: string, now = new Date()): Promise<ResetRequest | null> {
  const token = crypto.randomBytes(32).toString("base64url");
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, email: users.email, displayName: users.displayName, locale: users.locale })
      .from(users)
      .where(and(eq(users.email, normaliseEmail(email)), isNull(users.deletedAt)));
    if (!user) return null;
    await tx.insert(passwordResetTokens).values({
      tokenHash: hashToken(token),
      userId: user.id,
      expiresAt: new Date(now.getTime() + resetTokenLifetimeMs),
    });
    await enqueueMail(tx, {
      to: user.email,
      locale: user.locale,
      template: "password-reset",
      data: { name: user.displayName, path: `/aterstall-losenord/${token}` },
    });
    return { token, to: user.email, displayName: user.displayName, locale: user.locale };
  });
}

/** Whether the token is still usable (shown before the form). */
export async function resetTokenIsValid(db: Db, token: string, now = new Date()): Promise<boolean> {
  const [row] = await db
    .select({ userId: passwordResetTokens.userId })
    .from(passwordResetTokens)
    .where(
      and(
        eq(passwordResetTokens.tokenHash, hashToken(token)),
        isNull(passwordResetTokens.usedAt),
        gt(passwordResetTokens.expiresAt, now),
      ),
    );
  return Boolean(row);
}

export type ResetResult = Result<"invalid_token" | PasswordProblem, { userId: string }>;

/** Sets the new password, uses up the token (and the account's other tokens) and ends every session. */
export async function resetPassword(db: Db, token: string, newPassword: string, now = new Date()): Promise<ResetResult> {
  const [owner] = await db
    .select({ email: users.email, displayName: users.displayName })
    .from(passwordResetTokens)
    .innerJoin(users, eq(users.id, passwordResetTokens.userId))
    .where(eq(passwordResetTokens.tokenHash, hashToken(token)));
  const problem = await checkPasswordPolicy(newPassword, owner ? [owner.email, owner.displayName] : []);
  if (problem) return { ok: false, problem };
  const passwordHash = await hashPassword(newPassword);
  return db.transaction(async (tx) => {
    // The conditional update claims the token: of two uses at once, only one finds it unused.
    const [claimed] = await tx
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordResetTokens.tokenHash, hashToken(token)),
          isNull(passwordResetTokens.usedAt),
          gt(passwordResetTokens.expiresAt, now),
        ),
      )
      .returning({ userId: passwordResetTokens.userId });
    if (!claimed) return { ok: false, problem: "invalid_token" } as const;
    await tx.update(users).set({ passwordHash }).where(eq(users.id, claimed.userId));
    await tx
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(and(eq(passwordResetTokens.userId, claimed.userId), isNull(passwordResetTokens.usedAt)));
    await tx.delete(sessions).where(eq(sessions.userId, claimed.userId));
    return { ok: true, userId: claimed.userId } as const;
  });
}
