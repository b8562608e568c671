import { eq, asc } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { users, type Role } from "../../../db/schema";
import { newId } from "../../../db/ids";
import { hashPassword, verifyPassword, checkPasswordPolicy, type PasswordProblem } from "../../../db/password";
import { recordAudit } from "../audit/audit.server";
import type { Result } from "../result";

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Creates an account at once, without a confirmed address: for operators (the user CLI) and tests.
 * The registration form goes through registration.server.ts, which confirms the address first.
 */
export type RegisterResult = Result<"email_taken" | PasswordProblem, { userId: string }>;

export async function registerUser(
  db: Db,
  input: { email: string; displayName: string; password: string },
): Promise<RegisterResult> {
  const email = normaliseEmail(input.email);
  const problem = await checkPasswordPolicy(input.password, [email, input.displayName]);
  if (problem) return { ok: false, problem };
  const passwordHash = await hashPassword(input.password);
  const id = newId();
  const inserted = await db
    .insert(users)
    .values({ id, email, displayName: input.displayName.trim(), passwordHash })
    .onConflictDoNothing()
    .returning({ id: users.id });
  if (inserted.length === 0) return { ok: false, problem: "email_taken" };
  return { ok: true, userId: id };
}

// Verified against when the email is unknown, so both failures take the same time.
let dummyHash: Promise<string> | undefined;

/** The user id for a correct email and password, otherwise null (whichever of the two was wrong). */
export async function authenticate(db: Db, email: string, password: string): Promise<string | null> {
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, normaliseEmail(email)));
  if (!user) {
    dummyHash ??= hashPassword("samhallsforum-dummy-password");
    await verifyPassword(await dummyHash, password);
    return null;
  }
  return (await verifyPassword(user.passwordHash, password)) ? user.id : null;
}

export async function updateDisplayName(db: Db, userId: string, displayName: string): Promise<void> {
  await db.update(users).set({ displayName: displayName.trim() }).where(eq(users.id, userId));
}

export type ChangePasswordResult = Result<"wrong_password" | PasswordProblem>;

export async function changePassword(
  db: Db,
  userId: string,
  currentPassword: string,
  newPassword: string,
): Promise<ChangePasswordResult> {
  const [user] = await db
    .select({ passwordHash: users.passwordHash, email: users.email, displayName: users.displayName })
    .from(users)
    .where(eq(users.id, userId));
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) return { ok: false, problem: "wrong_password" };
  const problem = await checkPasswordPolicy(newPassword, [user.email, user.displayName]);
  if (problem) return { ok: false, problem };
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(newPassword) })
    .where(eq(users.id, userId));
  return { ok: true };
}

export async function setLocale(db: Db, userId: string, locale: "sv" | "en"): Promise<void> {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}

export function listUsers(db: Db) {
  return db
    .select({ id: users.id, email: users.email, displayName: users.displayName, role: users.role, createdAt: users.createdAt })
    .from(users)
    .orderBy(asc(users.displayName))
    .limit(500);
}

export async function getUserById(db: Db, userId: string) {
  const [user] = await db
    .select({ id: users.id, displayName: users.displayName, role: users.role, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.id, userId));
  return user ?? null;
}

/** Changes a user's role and records who did it in the audit log. */
export async function changeRole(db: Db, actorId: string, userId: string, role: Role): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ role: users.role }).from(users).where(eq(users.id, userId));
    if (!before) return false;
    await tx.update(users).set({ role }).where(eq(users.id, userId));
    await recordAudit(tx, {
      actorId,
      action: "user.role",
      targetType: "user",
      targetId: userId,
      public: false,
      details: { from: before.role, to: role },
    });
    return true;
  });
}
