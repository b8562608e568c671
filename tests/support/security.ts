import fs from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import { TOTP, Secret } from "otpauth";
import type { Db } from "../../db/client";
import { users } from "../../db/schema";
import { registerUser } from "../../app/domain/accounts/accounts.server";
import { HttpClient } from "./http";

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

/** The code an authenticator app would show now for the account's stored secret. */
export async function currentCode(db: Db, userId: string): Promise<string> {
  const [row] = await db.select({ secret: users.totpSecret }).from(users).where(eq(users.id, userId));
  if (!row?.secret) throw new Error("no TOTP secret stored");
  return new TOTP({ secret: Secret.fromBase32(row.secret) }).generate();
}

/** A code that is certainly wrong now (the right one with its last digit changed). */
export function wrongCode(code: string): string {
  return code.slice(0, 5) + ((Number(code[5]) + 5) % 10);
}

/** Waits for mails to <to> in the outbox folder (they are written after the response). */
export async function mailsTo(dir: string, to: string, atLeast = 1, timeoutMs = 3000): Promise<{ to: string; subject: string; text: string }[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    const mails = await Promise.all(names.map(async (n) => JSON.parse(await fs.readFile(path.join(dir, n), "utf8"))));
    const found = mails.filter((m) => m.to === to);
    if (found.length >= atLeast || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
}
