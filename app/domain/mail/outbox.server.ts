import type { DbOrTx } from "../../../db/client";
import { mailOutbox, type Locale } from "../../../db/schema";

/**
 * What each mail says is decided when it is sent (app/ui/mail-templates.ts), from its template
 * and data. Links in data are paths ("/aterstall-losenord/…"), never whole addresses: the mail
 * worker puts the configured public origin (PUBLIC_URL) in front of them, so no request's Host or
 * X-Forwarded-* header can reach a mail.
 */
export type MailMessage =
  | { template: "notification"; data: { kind: string; data: Record<string, unknown>; link: string | null } }
  | { template: "password-reset"; data: { name: string; path: string } }
  | { template: "registration-confirm"; data: { name: string; path: string } }
  | { template: "registration-known"; data: { name: string } }
  | { template: "newsletter-confirm"; data: { path: string } }
  | { template: "newsletter-welcome"; data: { path: string } }
  | { template: "contact"; data: { id: number; name: string; email: string; subject: string; message: string } }
  | { template: "accessibility-report"; data: { page: string; description: string; contact: string } };

export type MailTemplate = MailMessage["template"];

export type OutgoingMail = MailMessage & { to: string; locale?: Locale };

/**
 * Puts mail in the outbox, inside the caller's transaction: it is sent only if the transaction
 * commits, and then exactly once, by the mail worker of one of the server processes.
 */
export async function enqueueMail(tx: DbOrTx, mail: OutgoingMail | OutgoingMail[]): Promise<number[]> {
  const list = Array.isArray(mail) ? mail : [mail];
  if (list.length === 0) return [];
  const rows = await tx
    .insert(mailOutbox)
    .values(list.map((m) => ({ to: m.to, template: m.template, locale: m.locale ?? "sv", data: m.data })))
    .returning({ id: mailOutbox.id });
  return rows.map((r) => r.id);
}
