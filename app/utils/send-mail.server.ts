import { createMailer, type Mail } from "./mail.server";

/**
 * The one way account pages (registration, password reset) send a mail: after the response, so
 * the answer takes the same time whether or not a mail goes out. A failed mail is logged; the
 * visitor's answer never depends on it. Re-point this function when mail moves to a queue.
 */
export function sendMailLater(mail: Mail, what: string): void {
  createMailer()
    .send(mail)
    .catch((error: Error) => console.warn(`[mail] ${what} mail failed: ${error.message}`));
}

/** Links in mail come from PUBLIC_URL when it is set: never from a Host header an attacker chose. */
export function mailLink(path: string, request: Request): string {
  const base = process.env.PUBLIC_URL || new URL(request.url).origin;
  return new URL(path, base).toString();
}
