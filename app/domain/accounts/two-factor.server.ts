import { createHash, randomBytes } from "node:crypto";
import { and, count, eq, isNull, lt, or } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import type { Db } from "../../../db/client";
import { recoveryCodes, users } from "../../../db/schema";

const issuer = "Samhällsforum";

function totpFor(secret: string, label: string): TOTP {
  return new TOTP({ issuer, label, algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) });
}

/**
 * The 30-second step a six-digit code from an authenticator app belongs to, accepting one step of
 * clock drift either way; null when it matches none.
 */
export function matchingStep(secret: string, code: string, now = Date.now()): number | null {
  const clean = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(clean)) return null;
  const totp = totpFor(secret, "x");
  const delta = totp.validate({ token: clean, window: 1, timestamp: now });
  return delta === null ? null : totp.counter({ timestamp: now }) + delta;
}

/** ok; wrong: not the account's code; used: a right code that was already used (or an older one). */
export type CodeCheck = "ok" | "wrong" | "used";

/** How many recovery codes an account gets at a time. */
export const recoveryCodeCount = 10;
// 32 letters and digits without look-alikes (no l, o, 0, 1): ten of them are 50 random bits.
const recoveryAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";

/** A recovery code as typed (any case, spaces or a dash) in its stored form; null when it is not one. */
export function normaliseRecoveryCode(input: string): string | null {
  const clean = input.toLowerCase().replace(/[\s-]+/g, "");
  return /^[a-km-np-z2-9]{10}$/.test(clean) ? clean : null;
}

function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(code).digest("hex");
}

/**
 * Replaces the account's recovery codes with new ones and returns them as shown to the person
 * (xxxxx-xxxxx): they are not stored, only their hashes, so they can be shown this once.
 */
export async function makeRecoveryCodes(db: Db, userId: string): Promise<string[]> {
  const codes = Array.from({ length: recoveryCodeCount }, () =>
    Array.from(randomBytes(10), (byte) => recoveryAlphabet[byte & 31]).join(""),
  );
  await db.transaction(async (tx) => {
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await tx.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })));
  });
  return codes.map((code) => `${code.slice(0, 5)}-${code.slice(5)}`);
}

/** Unused recovery codes of the account. */
export async function recoveryCodesLeft(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.n ?? 0;
}

/** Uses up one recovery code; a conditional update, so a code works once even when sent twice at once. */
async function useRecoveryCode(db: Db, userId: string, code: string): Promise<boolean> {
  const used = await db
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(
      and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecoveryCode(code)), isNull(recoveryCodes.usedAt)),
    )
    .returning({ userId: recoveryCodes.userId });
  return used.length === 1;
}

/** The form message (a translation key) for a refused code. */
export const codeMessage = { wrong: "security.codeWrong", used: "security.codeUsed" } as const satisfies Record<
  Exclude<CodeCheck, "ok">,
  string
>;

/**
 * Accepts the code's step once: a code seen on the way (over a shoulder, by a phishing page) cannot be
 * used again, and two requests with the same code cannot both pass (a conditional update decides).
 */
async function claimStep(db: Db, userId: string, step: number, set: Partial<typeof users.$inferInsert> = {}): Promise<boolean> {
  const claimed = await db
    .update(users)
    .set({ ...set, totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return claimed.length === 1;
}

export interface TwoFactorState {
  enabled: boolean;
  /** The otpauth:// address to scan while enrolling; null once enabled (the secret is not shown again). */
  uri: string | null;
  secret: string | null;
}

/** The account's two-factor state; while not enabled, a secret is made (and kept) for enrolment. */
export async function twoFactorState(db: Db, userId: string): Promise<TwoFactorState | null> {
  const [user] = await db
    .select({ email: users.email, secret: users.totpSecret, enabledAt: users.totpEnabledAt })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return null;
  if (user.enabledAt) return { enabled: true, uri: null, secret: null };
  let secret = user.secret;
  if (!secret) {
    secret = new Secret({ size: 20 }).base32;
    await db.update(users).set({ totpSecret: secret }).where(eq(users.id, userId));
  }
  return { enabled: false, uri: totpFor(secret, user.email).toString(), secret };
}

/** Switches two-factor sign-in on when the code proves the app holds the secret. */
export async function enableTwoFactor(db: Db, userId: string, code: string): Promise<CodeCheck> {
  const [user] = await db
    .select({ secret: users.totpSecret, enabledAt: users.totpEnabledAt })
    .from(users)
    .where(eq(users.id, userId));
  if (!user?.secret || user.enabledAt) return "wrong";
  const step = matchingStep(user.secret, code);
  if (step === null) return "wrong";
  return (await claimStep(db, userId, step, { totpEnabledAt: new Date() })) ? "ok" : "used";
}

/**
 * Checks a sign-in code against the enabled secret: a code from the app (accepted once), or one of the
 * account's recovery codes ("recovery": accepted, and used up).
 */
export async function verifyTwoFactor(db: Db, userId: string, code: string): Promise<CodeCheck | "recovery"> {
  const [user] = await db
    .select({ secret: users.totpSecret, enabledAt: users.totpEnabledAt })
    .from(users)
    .where(eq(users.id, userId));
  if (!user?.secret || !user.enabledAt) return "wrong";
  const recovery = normaliseRecoveryCode(code);
  if (recovery) return (await useRecoveryCode(db, userId, recovery)) ? "recovery" : "wrong";
  const step = matchingStep(user.secret, code);
  if (step === null) return "wrong";
  return (await claimStep(db, userId, step)) ? "ok" : "used";
}

/** Switches two-factor sign-in off (a valid code is required); the secret and recovery codes are discarded. */
export async function disableTwoFactor(db: Db, userId: string, code: string): Promise<CodeCheck> {
  const check = await verifyTwoFactor(db, userId, code);
  if (check !== "ok" && check !== "recovery") return check;
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null }).where(eq(users.id, userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  });
  return "ok";
}

/** Whether the account needs a second step at sign-in. */
export async function hasTwoFactor(db: Db, userId: string): Promise<boolean> {
  const [user] = await db.select({ enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, userId));
  return Boolean(user?.enabledAt);
}
