import { sql } from "drizzle-orm";
import { pgTable, text, serial, integer, timestamp, index, uniqueIndex, primaryKey } from "drizzle-orm/pg-core";
import { users } from "./users";
import { reportTargets, reportReasons, reviewStatuses, reviewOrigins } from "../constants";

// The value lists live in db/constants.ts, which the browser may import; re-exported for server code.
export {
  reportTargets,
  reportReasons,
  reviewStatuses,
  reviewOrigins,
  type ReportTarget,
  type ReportReason,
  type ReviewStatus,
  type ReviewOrigin,
} from "../constants";

/**
 * One case in the moderators' queue. "approved" means the content stays (reports dismissed),
 * "rejected" means a moderator acted against it. At most one pending item per target.
 */
export const reviewItems = pgTable(
  "review_items",
  {
    id: serial("id").primaryKey(),
    targetType: text("target_type", { enum: reportTargets }).notNull(),
    /** Idea and comment ids as text, user ids as they are. */
    targetId: text("target_id").notNull(),
    status: text("status", { enum: reviewStatuses }).notNull().default("pending"),
    origin: text("origin", { enum: reviewOrigins }).notNull().default("reports"),
    /** On an appeal: the moderator whose decision is appealed, who may not decide it again. */
    excludedModeratorId: text("excluded_moderator_id").references(() => users.id),
    appealNote: text("appeal_note"),
    resolvedById: text("resolved_by_id").references(() => users.id),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("review_items_pending_target_key")
      .on(t.targetType, t.targetId)
      .where(sql`${t.status} = 'pending'`),
    index("review_items_status_idx").on(t.status, t.createdAt),
  ],
);

export const reports = pgTable(
  "reports",
  {
    id: serial("id").primaryKey(),
    targetType: text("target_type", { enum: reportTargets }).notNull(),
    targetId: text("target_id").notNull(),
    reporterId: text("reporter_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: text("reason", { enum: reportReasons }).notNull(),
    note: text("note"),
    reviewItemId: integer("review_item_id").references(() => reviewItems.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("reports_reporter_target_key").on(t.reporterId, t.targetType, t.targetId),
    index("reports_review_item_idx").on(t.reviewItemId),
  ],
);

/** Site-wide moderation limits; a missing row means the defaults in the domain. */
export const moderationSettings = pgTable(
  "moderation_settings",
  {
    key: text("key").notNull(),
    value: integer("value").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "moderation_settings_pk", columns: [t.key] })],
);
