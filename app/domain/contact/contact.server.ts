import { createHmac, timingSafeEqual } from "node:crypto";
import { desc, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { contactMessages, users } from "../../../db/schema";
import { enqueueMail } from "../mail/outbox.server";

/**
 * Spam protection without a third-party captcha: a honeypot field people never see, and a
 * signed timestamp of when the form was shown, so a form sent back at machine speed is refused.
 * Signed with the form secret every process of a cluster shares (FORM_SECRET, or the one kept in
 * server_secrets: context.secrets.form()), so a form shown by one process is accepted by another.
 */

/** The contact form's settings (CONTACT_MIN_FILL_SECONDS, CONTACT_EMAIL), reaching routes as context.config.contact. */
export interface ContactSettings {
  /** A form sent back sooner than this after it was shown is refused as a machine's. */
  minFillSeconds: number;
  /** Where contact mail goes; when empty, to the staff who run the site. */
  recipients: readonly string[];
}

function sign(secret: string, value: string): string {
  return createHmac("sha256", secret).update(`contact:${value}`).digest("base64url");
}

/** The hidden "started" value for a freshly shown form. */
export function formStartedToken(secret: string, now = new Date()): string {
  const ms = String(now.getTime());
  return `${ms}.${sign(secret, ms)}`;
}

export type SpamVerdict = "ok" | "honeypot" | "tooFast" | "badToken";

export function judgeSubmission(
  secret: string,
  input: { website?: string; started?: string },
  minFillSeconds: number,
  now = new Date(),
): SpamVerdict {
  if (input.website && input.website.trim() !== "") return "honeypot";
  const [ms, mac] = (input.started ?? "").split(".");
  if (!ms || !mac || !/^\d{1,16}$/.test(ms)) return "badToken";
  const expected = Buffer.from(sign(secret, ms));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return "badToken";
  const elapsed = (now.getTime() - Number(ms)) / 1000;
  // A form older than a day is stale: show a fresh one rather than accept a replayed token forever.
  if (elapsed > 24 * 3600) return "badToken";
  return elapsed < minFillSeconds ? "tooFast" : "ok";
}

export interface ContactInput {
  name: string;
  email: string;
  subject: string;
  message: string;
}

/** Keeps the message and, in the same transaction, queues a mail about it to each recipient. */
export async function saveContactMessage(db: Db, input: ContactInput, settings: ContactSettings) {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(contactMessages).values(input).returning();
    const recipients = await contactRecipients(tx, settings);
    await enqueueMail(
      tx,
      recipients.map((to) => ({ to, template: "contact" as const, locale: "sv" as const, data: { id: row.id, ...input } })),
    );
    return row;
  });
}

export function listContactMessages(db: Db, limit = 200) {
  return db.select().from(contactMessages).orderBy(desc(contactMessages.createdAt), desc(contactMessages.id)).limit(limit);
}

/** Where contact mail goes: the configured addresses (CONTACT_EMAIL) when there are any, otherwise the staff who run the site. */
export async function contactRecipients(db: DbOrTx, settings: ContactSettings): Promise<string[]> {
  if (settings.recipients.length) return [...settings.recipients];
  const staff = await db
    .select({ email: users.email })
    .from(users)
    .where(inArray(users.role, ["admin", "lab_staff"]));
  return staff.map((s) => s.email);
}
