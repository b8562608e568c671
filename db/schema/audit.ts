import { pgTable, text, serial, boolean, jsonb, timestamp, index } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * The audit log of every moderator, lab staff and admin action. The application only
 * ever inserts into it (there is no update or delete path), and the public moderation log
 * (/moderering) is a view of the rows marked public.
 */
export const moderationActions = pgTable(
  "moderation_actions",
  {
    id: serial("id").primaryKey(),
    actorId: text("actor_id")
      .notNull()
      .references(() => users.id),
    /** e.g. "comment.hide", "idea.lock", "user.suspend", "idea.promote", "user.role" */
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    /** Reason category shown publicly (spam, kränkande, personuppgifter, utanför ämnet, annat). */
    reasonCategory: text("reason_category"),
    reason: text("reason"),
    /** Shown on the public log (without the actor's name). */
    public: boolean("public").notNull().default(true),
    /** Extra facts, e.g. the text before an edit or redaction (only for staff). */
    details: jsonb("details"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("moderation_actions_created_idx").on(t.createdAt.desc()),
    index("moderation_actions_target_idx").on(t.targetType, t.targetId),
    index("moderation_actions_actor_idx").on(t.actorId),
  ],
);
