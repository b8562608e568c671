import { pgTable, text, serial, timestamp, index } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * Barriers reported through the accessibility statement. Anyone may report one (a visitor
 * too, as the law requires a way to report without an account); staff are told by mail.
 */
export const barrierReports = pgTable(
  "barrier_reports",
  {
    id: serial("id").primaryKey(),
    /** The page the barrier is on, as the reporter wrote it. */
    page: text("page").notNull(),
    description: text("description").notNull(),
    /** Optional, for an answer; never shown publicly. */
    contactEmail: text("contact_email"),
    reporterId: text("reporter_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("barrier_reports_created_idx").on(t.createdAt)],
);
