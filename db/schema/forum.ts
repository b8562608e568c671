import { sql } from "drizzle-orm";
import {
  pgTable,
  text,
  integer,
  serial,
  smallint,
  boolean,
  timestamp,
  doublePrecision,
  index,
  primaryKey,
  customType,
} from "drizzle-orm/pg-core";
import { users } from "./users";
import { challenges } from "./catalog";
import { ideaStatuses, revisionTargets } from "../constants";

// The value lists live in db/constants.ts, which the browser may import; re-exported for server code.
export { ideaStatuses, revisionTargets, type IdeaStatus } from "../constants";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const ideas = pgTable(
  "ideas",
  {
    id: serial("id").primaryKey(),
    challengeId: integer("challenge_id")
      .notNull()
      .references(() => challenges.id),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    title: text("title").notNull(),
    body: text("body").notNull(),
    status: text("status", { enum: ideaStatuses }).notNull().default("open"),
    supportCount: integer("support_count").notNull().default(0),
    commentCount: integer("comment_count").notNull().default(0),
    /** Stored "Populära" rank, see docs/ranking.md; changes only when supports change. */
    hotScore: doublePrecision("hot_score").notNull().default(0),
    pinned: boolean("pinned").notNull().default(false),
    locked: boolean("locked").notNull().default(false),
    hidden: boolean("hidden").notNull().default(false),
    /** Why it is hidden: "pending_review" (reports or pre-moderation) or "moderator". */
    hiddenReason: text("hidden_reason"),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    editedAt: timestamp("edited_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }).notNull().defaultNow(),
    search: tsvector("search").generatedAlwaysAs(
      sql`setweight(to_tsvector('swedish', coalesce(title, '')), 'A') || setweight(to_tsvector('swedish', coalesce(body, '')), 'B')`,
    ),
  },
  (t) => [
    index("ideas_challenge_hot_idx").on(t.challengeId, t.hotScore.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("ideas_challenge_new_idx").on(t.challengeId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("ideas_challenge_supports_idx").on(t.challengeId, t.supportCount.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("ideas_challenge_comments_idx").on(t.challengeId, t.commentCount.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("ideas_author_idx").on(t.authorId, t.createdAt.desc().nullsFirst()),
    index("ideas_status_idx").on(t.status),
    // Pinned ideas are few: without this the challenge page read every idea of the challenge to find them.
    index("ideas_challenge_pinned_idx")
      .on(t.challengeId, t.lastActivityAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.pinned}`),
    index("ideas_search_idx").using("gin", t.search),
  ],
);

export const comments = pgTable(
  "comments",
  {
    id: serial("id").primaryKey(),
    ideaId: integer("idea_id")
      .notNull()
      .references(() => ideas.id),
    parentId: integer("parent_id"),
    /** Top-level comment of the thread this comment belongs to (itself for a top-level comment). */
    rootId: integer("root_id"),
    depth: smallint("depth").notNull().default(0),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    score: integer("score").notNull().default(0),
    hidden: boolean("hidden").notNull().default(false),
    /** Why it is hidden: "pending_review" (reports or pre-moderation) or "moderator". */
    hiddenReason: text("hidden_reason"),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    editedAt: timestamp("edited_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    search: tsvector("search").generatedAlwaysAs(sql`to_tsvector('swedish', coalesce(body, ''))`),
  },
  (t) => [
    index("comments_idea_roots_idx")
      .on(t.ideaId, t.createdAt, t.id)
      .where(sql`${t.parentId} is null`),
    index("comments_root_idx").on(t.rootId, t.createdAt, t.id),
    index("comments_author_idx").on(t.authorId, t.createdAt.desc().nullsFirst()),
    // Search ranks only the newest matches: walked backwards, this stops after them (docs/queries.md).
    index("comments_created_idx").on(t.createdAt, t.id),
    index("comments_search_idx").using("gin", t.search),
  ],
);

export const ideaSupports = pgTable(
  "idea_supports",
  {
    ideaId: integer("idea_id")
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "idea_supports_pk", columns: [t.ideaId, t.userId] }), index("idea_supports_user_idx").on(t.userId)],
);

export const commentVotes = pgTable(
  "comment_votes",
  {
    commentId: integer("comment_id")
      .notNull()
      .references(() => comments.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    value: smallint("value").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "comment_votes_pk", columns: [t.commentId, t.userId] })],
);

/** Every edit of an idea or comment: the text as it was before the edit. */
export const revisions = pgTable(
  "revisions",
  {
    id: serial("id").primaryKey(),
    targetType: text("target_type", { enum: revisionTargets }).notNull(),
    targetId: integer("target_id").notNull(),
    editorId: text("editor_id")
      .notNull()
      .references(() => users.id),
    title: text("title"),
    body: text("body").notNull(),
    reason: text("reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("revisions_target_idx").on(t.targetType, t.targetId, t.createdAt)],
);
