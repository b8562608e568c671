import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { desc, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { contactMessages, users } from "../../../db/schema";

/**
 * Spam protection without a third-party captcha: a honeypot field people never see, and a
 * signed timestamp of when the form was shown, so a form sent back at machine speed is refused.
 * Signed with FORM_SECRET so that every process of a cluster accepts the others' forms.
 */
const secret = process.env.FORM_SECRET ?? randomBytes(32).toString("hex");

function minimumSeconds(): number {
  const configured = Number(process.env.CONTACT_MIN_FILL_SECONDS);
  return Number.isFinite(configured) && configured >= 0 ? configured : 3;
}

function sign(value: string): string {
  return createHmac("sha256", secret).update(`contact:${value}`).digest("base64url");
}

/** The hidden "started" value for a freshly shown form. */
export function formStartedToken(now = new Date()): string {
  const ms = String(now.getTime());
  return `${ms}.${sign(ms)}`;
}

export type SpamVerdict = "ok" | "honeypot" | "tooFast" | "badToken";

export function judgeSubmission(input: { website?: string; started?: string }, now = new Date()): SpamVerdict {
  if (input.website && input.website.trim() !== "") return "honeypot";
  const [ms, mac] = (input.started ?? "").split(".");
  if (!ms || !mac || !/^\d{1,16}$/.test(ms)) return "badToken";
  const expected = Buffer.from(sign(ms));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return "badToken";
  const elapsed = (now.getTime() - Number(ms)) / 1000;
  // A form older than a day is stale: show a fresh one rather than accept a replayed token forever.
  if (elapsed > 24 * 3600) return "badToken";
  return elapsed < minimumSeconds() ? "tooFast" : "ok";
}

export interface ContactInput {
  name: string;
  email: string;
  subject: string;
  message: string;
}

export async function saveContactMessage(db: Db, input: ContactInput) {
  const [row] = await db.insert(contactMessages).values(input).returning();
  return row;
}

export function listContactMessages(db: Db, limit = 200) {
  return db.select().from(contactMessages).orderBy(desc(contactMessages.createdAt), desc(contactMessages.id)).limit(limit);
}

/** Where contact mail goes: CONTACT_EMAIL when set, otherwise to the staff who run the site. */
export async function contactRecipients(db: Db): Promise<string[]> {
  const configured = process.env.CONTACT_EMAIL?.split(",").map((s) => s.trim()).filter(Boolean);
  if (configured?.length) return configured;
  const staff = await db.select({ email: users.email }).from(users).where(inArray(users.role, ["admin", "lab_staff"]));
  return staff.map((s) => s.email);
}
