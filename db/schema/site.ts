import { pgTable, text, serial, boolean, timestamp, index, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./users";
import { siteBlockKeys, newsKinds } from "../constants";

// The value lists live in db/constants.ts, which the browser may import; re-exported for server code.
export { siteBlockKeys, newsKinds, type SiteBlockKey, type NewsKind } from "../constants";

export const siteBlocks = pgTable("site_blocks", {
  key: text("key", { enum: siteBlockKeys }).primaryKey(),
  body: text("body").notNull(),
  updatedBy: text("updated_by").references(() => users.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** News items and events ("Aktuellt"). An unpublished item is seen by staff only. */
export const newsItems = pgTable(
  "news_items",
  {
    id: serial("id").primaryKey(),
    slug: text("slug").notNull(),
    kind: text("kind", { enum: newsKinds }).notNull().default("news"),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    /** Markdown. */
    body: text("body").notNull(),
    /** The date the item is dated (and sorted) by. */
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
    published: boolean("published").notNull().default(true),
    startsAt: timestamp("starts_at", { withTimezone: true }),
    endsAt: timestamp("ends_at", { withTimezone: true }),
    /** A place, or null with online = true. */
    location: text("location"),
    online: boolean("online").notNull().default(false),
    recordingUrl: text("recording_url"),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("news_items_slug_key").on(t.slug),
    index("news_items_published_idx").on(t.publishedAt.desc(), t.id.desc()),
    index("news_items_starts_idx").on(t.startsAt),
  ],
);

/**
 * A sign-up waiting for its confirmation link. Kept apart from newsletter_subscribers so that
 * an address is never on the list before its owner has confirmed it (double opt-in).
 */
export const newsletterSignups = pgTable(
  "newsletter_signups",
  {
    id: serial("id").primaryKey(),
    email: text("email").notNull(),
    /** SHA-256 of the token in the confirmation link; the token itself is only in the mail. */
    tokenHash: text("token_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("newsletter_signups_token_key").on(t.tokenHash), index("newsletter_signups_email_idx").on(t.email)],
);

/** Confirmed subscribers only. */
export const newsletterSubscribers = pgTable(
  "newsletter_subscribers",
  {
    id: serial("id").primaryKey(),
    email: text("email").notNull(),
    /** Random token in every mail's one-click unsubscribe link. */
    unsubscribeToken: text("unsubscribe_token").notNull(),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("newsletter_subscribers_email_key").on(t.email),
    uniqueIndex("newsletter_subscribers_unsubscribe_key").on(t.unsubscribeToken),
  ],
);

/** Messages sent through the contact form; read by staff. */
export const contactMessages = pgTable(
  "contact_messages",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    email: text("email").notNull(),
    subject: text("subject").notNull(),
    message: text("message").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("contact_messages_created_idx").on(t.createdAt.desc())],
);
