import { sql } from "drizzle-orm";
import {
  pgTable,
  text,
  integer,
  serial,
  boolean,
  timestamp,
  primaryKey,
  index,
  uniqueIndex,
  customType,
} from "drizzle-orm/pg-core";
import { challengeStatuses } from "../constants";

// The value lists live in db/constants.ts, which the browser may import; re-exported for server code.
export { challengeStatuses, type ChallengeStatus } from "../constants";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const partners = pgTable(
  "partners",
  {
    id: serial("id").primaryKey(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    url: text("url"),
  },
  (t) => [uniqueIndex("partners_slug_key").on(t.slug)],
);

export const focusAreas = pgTable(
  "focus_areas",
  {
    id: serial("id").primaryKey(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    summary: text("summary").notNull(),
    description: text("description").notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [uniqueIndex("focus_areas_slug_key").on(t.slug)],
);

export const challenges = pgTable(
  "challenges",
  {
    id: serial("id").primaryKey(),
    slug: text("slug").notNull(),
    focusAreaId: integer("focus_area_id")
      .notNull()
      .references(() => focusAreas.id),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    description: text("description").notNull(),
    status: text("status", { enum: challengeStatuses }).notNull().default("open"),
    supportThreshold: integer("support_threshold").notNull().default(25),
    /** Reports from this many different users hide an idea or comment until a moderator looks. */
    reportThreshold: integer("report_threshold").notNull().default(3),
    /** When on, the first posts of new accounts wait in the moderation queue before they are shown. */
    premoderateNewAccounts: boolean("premoderate_new_accounts").notNull().default(false),
    /** Agenda 2030 goal numbers (1–17). */
    sdgGoals: integer("sdg_goals").array().notNull().default([]),
    /** Keys of the nine prioritised perspectives. */
    perspectives: text("perspectives").array().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    search: tsvector("search").generatedAlwaysAs(
      sql`setweight(to_tsvector('swedish', coalesce(title, '')), 'A') || setweight(to_tsvector('swedish', coalesce(summary, '') || ' ' || coalesce(description, '')), 'B')`,
    ),
  },
  (t) => [
    uniqueIndex("challenges_slug_key").on(t.slug),
    index("challenges_focus_area_idx").on(t.focusAreaId),
    index("challenges_search_idx").using("gin", t.search),
  ],
);

/** The partners that own a challenge. */
export const challengeOwners = pgTable(
  "challenge_owners",
  {
    challengeId: integer("challenge_id")
      .notNull()
      .references(() => challenges.id, { onDelete: "cascade" }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ name: "challenge_owners_pk", columns: [t.challengeId, t.partnerId] })],
);
