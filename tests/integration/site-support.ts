import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { visibleText } from "../support/html";

/**
 * A throwaway mail outbox for one test file, to give its server as config.mail.outboxDir; mails
 * are the JSON files the outbox mailer writes.
 */
export function tempOutbox(name: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), `sf-${name}-mail-`));
}

export interface OutboxMail {
  to: string;
  subject: string;
  text: string;
}

export async function readOutbox(dir: string): Promise<OutboxMail[]> {
  let names: string[] = [];
  try {
    names = (await fs.readdir(dir)).filter((n) => n.endsWith(".json")).sort();
  } catch {
    return [];
  }
  return Promise.all(names.map(async (n) => JSON.parse(await fs.readFile(path.join(dir, n), "utf8")) as OutboxMail));
}

/**
 * Waits (up to timeoutMs, 5 s by default) for a mail that matches: mail is sent by the server's
 * mail worker after the response, not during the request.
 */
export async function waitForMail(dir: string, match: (mail: OutboxMail) => boolean, timeoutMs = 5000): Promise<OutboxMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await readOutbox(dir)).find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no matching mail in ${dir} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The first link in a mail that starts with the given path. */
export function linkIn(mail: OutboxMail, pathPrefix: string): string {
  const match = mail.text.match(new RegExp(`https?://[^\\s]*${pathPrefix.replace(/[/.?]/g, "\\$&")}[^\\s]*`));
  if (!match) throw new Error(`no ${pathPrefix} link in mail: ${mail.text}`);
  return match[0];
}

/** What a reader sees of a page (tests/support/html.ts). */
export const pageText = visibleText;
