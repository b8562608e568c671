import { eq } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import type { Db } from "../../../db/client";
import { users } from "../../../db/schema";

const issuer = "Samhällsforum";

function totpFor(secret: string, label: string): TOTP {
  return new TOTP({ issuer, label, algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) });
}

/** A six-digit code from an authenticator app, accepting one step of clock drift either way. */
export function codeMatches(secret: string, code: string): boolean {
  const clean = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(clean)) return false;
  return totpFor(secret, "x").validate({ token: clean, window: 1 }) !== null;
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
export async function enableTwoFactor(db: Db, userId: string, code: string): Promise<boolean> {
  const [user] = await db.select({ secret: users.totpSecret, enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, userId));
  if (!user?.secret || user.enabledAt) return false;
  if (!codeMatches(user.secret, code)) return false;
  await db.update(users).set({ totpEnabledAt: new Date() }).where(eq(users.id, userId));
  return true;
}

/** Checks a sign-in code against the enabled secret. */
export async function verifyTwoFactor(db: Db, userId: string, code: string): Promise<boolean> {
  const [user] = await db.select({ secret: users.totpSecret, enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, userId));
  if (!user?.secret || !user.enabledAt) return false;
  return codeMatches(user.secret, code);
}

/** Switches two-factor sign-in off (a valid code is required); the secret is discarded. */
export async function disableTwoFactor(db: Db, userId: string, code: string): Promise<boolean> {
  if (!(await verifyTwoFactor(db, userId, code))) return false;
  await db.update(users).set({ totpSecret: null, totpEnabledAt: null }).where(eq(users.id, userId));
  return true;
}

/** Whether the account needs a second step at sign-in. */
export async function hasTwoFactor(db: Db, userId: string): Promise<boolean> {
  const [user] = await db.select({ enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, userId));
  return Boolean(user?.enabledAt);
}
