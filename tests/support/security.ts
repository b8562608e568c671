import fs from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import { TOTP, Secret } from "otpauth";
import type { Db } from "../../db/client";
import { users } from "../../db/schema";
import { registerUser } from "../../app/domain/accounts/accounts.server";
import { HttpClient } from "./http";
import { testOutbox } from "./outbox";

let nextAddress = 1;

/** A client with its own forwarded address, so one test's login limits do not spill into another. */
export class Visitor extends HttpClient {
  readonly address = `10.9.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 1}`;

  override request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("X-Forwarded-For", this.address);
    return super.request(path, { ...init, headers });
  }
}

export const goodPassword = "grön-cykel-under-bron-42";

let counter = 0;
/** A fresh resident account with a known password. */
export async function newAccount(db: Db, name = "konto"): Promise<{ id: string; email: string }> {
  const email = `${name}-${Date.now().toString(36)}-${counter++}@example.se`;
  const result = await registerUser(db, { email, displayName: `Test ${name}`, password: goodPassword });
  if (!result.ok) throw new Error(`could not register ${email}: ${result.problem}`);
  return { id: result.userId, email };
}

/**
 * A code the server will accept now for the account's stored secret: the app's current one, or, when
 * that has been used, the next (one step of drift is accepted), waiting for a new step if need be.
 */
export async function currentCode(db: Db, userId: string): Promise<string> {
  const [row] = await db
    .select({ secret: users.totpSecret, lastStep: users.totpLastStep })
    .from(users)
    .where(eq(users.id, userId));
  if (!row?.secret) throw new Error("no TOTP secret stored");
  const totp = new TOTP({ secret: Secret.fromBase32(row.secret) });
  for (;;) {
    const step = Math.max(totp.counter(), (row.lastStep ?? -1) + 1);
    if (step <= totp.counter() + 1) return totp.generate({ timestamp: step * 30_000 });
    await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 50));
  }
}

/** A code that is certainly wrong now (the right one with its last digit changed). */
export function wrongCode(code: string): string {
  return code.slice(0, 5) + ((Number(code[5]) + 5) % 10);
}

/** Waits for mails to <to> in the outbox folder (the mail worker writes them after the response). */
export async function mailsTo(
  dir: string,
  to: string,
  atLeast = 1,
  timeoutMs = 5000,
): Promise<{ to: string; subject: string; text: string }[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith(".json"));
    const mails = await Promise.all(names.map(async (n) => JSON.parse(await fs.readFile(path.join(dir, n), "utf8"))));
    const found = mails.filter((m) => m.to === to);
    if (found.length >= atLeast || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The first link in a mail's text that starts with the given path. */
export function linkInMail(mail: { text: string }, pathPrefix: string): string {
  const match = mail.text.match(new RegExp(`https?://\\S*${pathPrefix.replace(/[/.?]/g, "\\$&")}\\S*`));
  if (!match) throw new Error(`no ${pathPrefix} link in mail: ${mail.text}`);
  return match[0];
}

/**
 * Registers through the form the way a person does: the form answers "check your mail" (200), the
 * link in the mail opens a page with a button, and the button creates the account and signs in.
 * Returns the final response (302 to /konto?ny=1 with the session cookie).
 */
export async function registerThroughMail(
  client: HttpClient,
  form: { email: string; displayName: string; password: string },
  outbox = testOutbox,
): Promise<Response> {
  // The outbox folder may hold earlier mails to the same address (another database's run of the
  // same file): only a mail that was not there before the registration counts.
  const earlier = new Set((await mailsTo(outbox, form.email.toLowerCase(), 0, 0)).map((m) => m.text));
  const answer = await client.post("/registrera", form);
  if (answer.status !== 200) throw new Error(`registration of ${form.email} answered ${answer.status}`);
  const mails = await mailsTo(outbox, form.email.toLowerCase(), earlier.size + 1);
  const mail = mails.find((m) => !earlier.has(m.text) && m.text.includes("/registrera/bekrafta/"));
  if (!mail) throw new Error(`no confirmation mail to ${form.email}`);
  const path = new URL(linkInMail(mail, "/registrera/bekrafta/")).pathname;
  return client.post(path, {});
}
