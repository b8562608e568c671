import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, gte, lt } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { newsletterSignups, newsletterSubscribers, type Locale } from "../../../db/schema";
import { enqueueMail } from "../mail/outbox.server";
import { toCsv } from "../content/csv.server";

/** A confirmation link is valid this long; after that the sign-up is forgotten. */
export const confirmationDays = 7;

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function newToken(): string {
  return randomBytes(24).toString("base64url");
}

export type SignupOutcome = { kind: "confirm"; token: string } | { kind: "alreadySubscribed" };

/**
 * Starts a double opt-in: the address is only remembered as waiting, with a token that the
 * confirmation mail carries (queued in the same transaction). It joins the list when the link is
 * used (confirmSignup).
 */
export async function requestSignup(db: Db, email: string, locale: Locale = "sv", now = new Date()): Promise<SignupOutcome> {
  const [existing] = await db
    .select({ id: newsletterSubscribers.id })
    .from(newsletterSubscribers)
    .where(eq(newsletterSubscribers.email, email));
  if (existing) return { kind: "alreadySubscribed" };
  const token = newToken();
  await db.transaction(async (tx) => {
    await tx.delete(newsletterSignups).where(lt(newsletterSignups.createdAt, expiryCutoff(now)));
    await tx.insert(newsletterSignups).values({ email, tokenHash: hashToken(token), createdAt: now });
    await enqueueMail(tx, {
      to: email,
      locale,
      template: "newsletter-confirm",
      data: { path: `/nyhetsbrev/bekrafta?token=${encodeURIComponent(token)}` },
    });
  });
  return { kind: "confirm", token };
}

function expiryCutoff(now: Date): Date {
  return new Date(now.getTime() - confirmationDays * 24 * 3600 * 1000);
}

/** Whether a confirmation token is (still) valid, without using it. */
export async function findSignup(db: Db, token: string, now = new Date()) {
  if (!token || token.length > 200) return null;
  const [row] = await db
    .select()
    .from(newsletterSignups)
    .where(and(eq(newsletterSignups.tokenHash, hashToken(token)), gte(newsletterSignups.createdAt, expiryCutoff(now))));
  return row ?? null;
}

export type ConfirmOutcome = { ok: true; email: string; unsubscribeToken: string } | { ok: false };

/**
 * Uses a confirmation token: the address becomes a subscriber and its waiting sign-ups go away;
 * the welcome mail with the unsubscribe link is queued in the same transaction.
 */
export async function confirmSignup(db: Db, token: string, locale: Locale = "sv", now = new Date()): Promise<ConfirmOutcome> {
  const signup = await findSignup(db, token, now);
  if (!signup) return { ok: false };
  return db.transaction(async (tx) => {
    const unsubscribeToken = newToken();
    await tx
      .insert(newsletterSubscribers)
      .values({ email: signup.email, unsubscribeToken, confirmedAt: now })
      .onConflictDoNothing();
    await tx.delete(newsletterSignups).where(eq(newsletterSignups.email, signup.email));
    const [row] = await tx.select().from(newsletterSubscribers).where(eq(newsletterSubscribers.email, signup.email));
    await enqueueMail(tx, {
      to: row.email,
      locale,
      template: "newsletter-welcome",
      data: { path: `/nyhetsbrev/avregistrera?token=${encodeURIComponent(row.unsubscribeToken)}` },
    });
    return { ok: true as const, email: row.email, unsubscribeToken: row.unsubscribeToken };
  });
}

/** One-click unsubscribe: removes the address; true when there was one. */
export async function unsubscribe(db: Db, token: string): Promise<boolean> {
  if (!token || token.length > 200) return false;
  const removed = await db
    .delete(newsletterSubscribers)
    .where(eq(newsletterSubscribers.unsubscribeToken, token))
    .returning({ id: newsletterSubscribers.id });
  return removed.length > 0;
}

export function listSubscribers(db: Db) {
  return db
    .select({ email: newsletterSubscribers.email, confirmedAt: newsletterSubscribers.confirmedAt })
    .from(newsletterSubscribers)
    .orderBy(asc(newsletterSubscribers.confirmedAt), asc(newsletterSubscribers.id));
}

/** The confirmed subscribers as CSV (RFC 4180, CRLF line ends). */
export async function subscribersCsv(db: Db): Promise<string> {
  const rows = await listSubscribers(db);
  const lines = [["email", "confirmed_at"], ...rows.map((r) => [r.email, r.confirmedAt.toISOString()])];
  return toCsv(lines);
}
