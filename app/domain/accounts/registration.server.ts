import crypto from "node:crypto";
import { and, eq, gt } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { registrationRequests, users } from "../../../db/schema";
import { newId } from "../../../db/ids";
import { checkPasswordPolicy, hashPassword, type PasswordProblem } from "../../../db/password";
import { normaliseEmail } from "./accounts.server";
import type { Result } from "../result";

export const registrationLinkLifetimeMs = 24 * 60 * 60 * 1000;

function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** What to mail after a registration form: a confirmation link for a new address, a notice for a known one. */
export type RegistrationMail =
  | { kind: "confirm"; to: string; displayName: string; locale: "sv" | "en"; token: string }
  | { kind: "known"; to: string; displayName: string; locale: "sv" | "en" };

export type StartRegistrationResult = Result<PasswordProblem, { mail: RegistrationMail }>;

/**
 * Starts a registration without telling whether the address already has an account: the password
 * rules are checked alike, the password is hashed alike, and the caller answers both cases the same
 * way ("check your mail"). A new address gets a link that creates the account; the owner of a known
 * address gets a mail saying someone tried, with the ways in (sign in, reset the password).
 */
export async function startRegistration(
  db: Db,
  input: { email: string; displayName: string; password: string; locale: "sv" | "en" },
  now = new Date(),
): Promise<StartRegistrationResult> {
  const email = normaliseEmail(input.email);
  const displayName = input.displayName.trim();
  const problem = await checkPasswordPolicy(input.password, [email, displayName]);
  if (problem) return { ok: false, problem };
  const passwordHash = await hashPassword(input.password);
  const [existing] = await db
    .select({ displayName: users.displayName, locale: users.locale })
    .from(users)
    .where(eq(users.email, email));
  if (existing) {
    // A deleted (anonymised) account keeps no address, so a match is a live account.
    return { ok: true, mail: { kind: "known", to: email, displayName: existing.displayName, locale: existing.locale } };
  }
  const token = crypto.randomBytes(32).toString("base64url");
  await db.insert(registrationRequests).values({
    tokenHash: hashToken(token),
    email,
    displayName,
    passwordHash,
    locale: input.locale,
    expiresAt: new Date(now.getTime() + registrationLinkLifetimeMs),
  });
  return { ok: true, mail: { kind: "confirm", to: email, displayName, locale: input.locale, token } };
}

/** The pending registration a link stands for, if it is still usable (shown before the button). */
export async function findRegistration(db: Db, token: string, now = new Date()) {
  const [row] = await db
    .select({ email: registrationRequests.email, displayName: registrationRequests.displayName })
    .from(registrationRequests)
    .where(and(eq(registrationRequests.tokenHash, hashToken(token)), gt(registrationRequests.expiresAt, now)));
  return row ?? null;
}

export type ConfirmRegistrationResult = Result<"invalid_token" | "email_taken", { userId: string }>;

/**
 * Creates the account of a confirmed registration and uses up every pending registration of the
 * address. If the address got an account meanwhile (another link), the link no longer works.
 */
export async function confirmRegistration(db: Db, token: string, now = new Date()): Promise<ConfirmRegistrationResult> {
  return db.transaction(async (tx) => {
    const [request] = await tx
      .delete(registrationRequests)
      .where(and(eq(registrationRequests.tokenHash, hashToken(token)), gt(registrationRequests.expiresAt, now)))
      .returning();
    if (!request) return { ok: false, problem: "invalid_token" } as const;
    await tx.delete(registrationRequests).where(eq(registrationRequests.email, request.email));
    const id = newId();
    const inserted = await tx
      .insert(users)
      .values({
        id,
        email: request.email,
        displayName: request.displayName,
        passwordHash: request.passwordHash,
        locale: request.locale,
      })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (inserted.length === 0) return { ok: false, problem: "email_taken" } as const;
    return { ok: true, userId: id } as const;
  });
}
