import { pgTable, text, serial, integer, jsonb, timestamp, index, primaryKey } from "drizzle-orm/pg-core";
import { users } from "./users";
import { followTargets } from "../constants";

// The value lists live in db/constants.ts, which the browser may import; re-exported for server code.
export { followTargets, type FollowTarget } from "../constants";

/** What a user follows; followers are notified of what happens to it. */
export const follows = pgTable(
  "follows",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    targetType: text("target_type", { enum: followTargets }).notNull(),
    targetId: integer("target_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "follows_pk", columns: [t.userId, t.targetType, t.targetId] }),
    index("follows_target_idx").on(t.targetType, t.targetId),
  ],
);

export const notifications = pgTable(
  "notifications",
  {
    id: serial("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** e.g. "idea.promoted", "content.moderated", "project.status" */
    kind: text("kind").notNull(),
    /** Swedish text is rendered from kind + data; data holds ids, titles and the link. */
    data: jsonb("data").notNull(),
    link: text("link"),
    readAt: timestamp("read_at", { withTimezone: true }),
    /** "queued" when an email for it went to the mail outbox (mail_outbox); null when none was wanted. */
    emailStatus: text("email_status"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt.desc())],
);
