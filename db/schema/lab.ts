import { pgTable, text, integer, serial, boolean, timestamp, index, uniqueIndex, primaryKey } from "drizzle-orm/pg-core";
import { users } from "./users";
import { challenges, partners } from "./catalog";
import { ideas } from "./forum";
import { projectStatuses, projectUpdateKinds } from "../constants";

// The value lists live in db/constants.ts, which the browser may import; re-exported for server code.
export { projectStatuses, projectUpdateKinds, type ProjectStatus } from "../constants";

/** A project in Samhällslabbet, usually grown from one or more ideas. */
export const labProjects = pgTable(
  "lab_projects",
  {
    id: serial("id").primaryKey(),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    status: text("status", { enum: projectStatuses }).notNull().default("upcoming"),
    challengeId: integer("challenge_id").references(() => challenges.id),
    /** Agenda 2030 goal numbers (1–17), copied from the challenge at promotion and editable after. */
    sdgGoals: integer("sdg_goals").array().notNull().default([]),
    perspectives: text("perspectives").array().notNull().default([]),
    leadId: text("lead_id")
      .notNull()
      .references(() => users.id),
    /** Written when the project is completed (Markdown). */
    resultsSummary: text("results_summary"),
    /** Why the project was cancelled (public). */
    cancelReason: text("cancel_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("lab_projects_slug_key").on(t.slug),
    index("lab_projects_status_idx").on(t.status, t.statusChangedAt.desc()),
    index("lab_projects_challenge_idx").on(t.challengeId),
  ],
);

/** The partners responsible for a project. */
export const projectPartners = pgTable(
  "project_partners",
  {
    projectId: integer("project_id")
      .notNull()
      .references(() => labProjects.id, { onDelete: "cascade" }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
  },
  (t) => [primaryKey({ name: "project_partners_pk", columns: [t.projectId, t.partnerId] })],
);

/** Origin ideas of a project; a merge links several. An idea grows into at most one project. */
export const projectIdeas = pgTable(
  "project_ideas",
  {
    projectId: integer("project_id")
      .notNull()
      .references(() => labProjects.id, { onDelete: "cascade" }),
    ideaId: integer("idea_id")
      .notNull()
      .references(() => ideas.id),
    /** Supports the idea had when it was promoted (the count stays visible after support closes). */
    supportCountAtPromotion: integer("support_count_at_promotion").notNull().default(0),
  },
  (t) => [
    primaryKey({ name: "project_ideas_pk", columns: [t.projectId, t.ideaId] }),
    uniqueIndex("project_ideas_idea_key").on(t.ideaId),
  ],
);

/** The project timeline: written updates and status changes, both public. */
export const projectUpdates = pgTable(
  "project_updates",
  {
    id: serial("id").primaryKey(),
    projectId: integer("project_id")
      .notNull()
      .references(() => labProjects.id, { onDelete: "cascade" }),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind", { enum: projectUpdateKinds }).notNull(),
    /** Markdown (an update's text, or the note that goes with a status change). */
    body: text("body").notNull().default(""),
    fromStatus: text("from_status", { enum: projectStatuses }),
    toStatus: text("to_status", { enum: projectStatuses }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("project_updates_project_idx").on(t.projectId, t.createdAt.desc(), t.id.desc())],
);

/**
 * The moment an idea reached its challenge's threshold. The primary key makes a second
 * "reached the threshold" impossible, whatever order concurrent supports commit in.
 */
export const ideaReviews = pgTable(
  "idea_reviews",
  {
    ideaId: integer("idea_id")
      .primaryKey()
      .references(() => ideas.id, { onDelete: "cascade" }),
    /** null when staff took the idea up below the threshold. */
    reachedAt: timestamp("reached_at", { withTimezone: true }),
    supportCountAtReady: integer("support_count_at_ready").notNull(),
    threshold: integer("threshold").notNull(),
  },
  (t) => [index("idea_reviews_reached_idx").on(t.reachedAt.desc())],
);

/** A user's choice per notification kind; no row means both channels are on. */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    inApp: boolean("in_app").notNull().default(true),
    email: boolean("email").notNull().default(true),
  },
  (t) => [primaryKey({ name: "notification_preferences_pk", columns: [t.userId, t.kind] })],
);
