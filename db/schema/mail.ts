import { sql } from "drizzle-orm";
import { pgTable, text, serial, integer, jsonb, timestamp, index } from "drizzle-orm/pg-core";
import { locales } from "./users";

export const mailStatuses = ["pending", "sent", "failed"] as const;
export type MailStatus = (typeof mailStatuses)[number];

/**
 * Mail waiting to be sent (a transactional outbox): written in the same transaction as the event
 * that calls for it, sent by the mail worker of whichever server process claims it first
 * (server/mail-worker.ts). `data` holds what the template needs, with paths only: the worker puts
 * the configured public origin in front of them. It is emptied once the mail is sent or given up.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: serial("id").primaryKey(),
    to: text("to").notNull(),
    /** e.g. "password-reset", "notification", "newsletter-confirm" (app/ui/mail-templates.ts). */
    template: text("template").notNull(),
    locale: text("locale", { enum: locales }).notNull().default("sv"),
    data: jsonb("data").notNull(),
    status: text("status", { enum: mailStatuses }).notNull().default("pending"),
    /** Tries so far, counted when a worker claims the mail. */
    attempts: integer("attempts").notNull().default(0),
    /** When the mail may be claimed (again): after a failure, later each time; while claimed, the claim's end. */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    index("mail_outbox_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
  ],
);

/**
 * Secrets every server process must share (the signing key of forms), made by the first process
 * that starts on the database: insert … on conflict do nothing, then read.
 */
export const serverSecrets = pgTable("server_secrets", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
