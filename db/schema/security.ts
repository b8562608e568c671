import { pgTable, text, timestamp, index, primaryKey, varchar, integer, bigint } from "drizzle-orm/pg-core";
import { users } from "./users";

/** One-time password reset links: only the SHA-256 of the token is stored. */
export const passwordResetTokens = pgTable(
  "password_reset_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("password_reset_tokens_user_idx").on(t.userId)],
);

/**
 * One-time codes for signing in when the authenticator app is lost: made when two-factor sign-in is
 * switched on (or made anew), shown once; only a SHA-256 of each is stored, as for reset tokens.
 */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.codeHash] })],
);

/**
 * Registrations waiting for their address to be confirmed: the account is created only when the link
 * in the mail is used, so the form answers alike for a new and a known address. Only the SHA-256 of the
 * token is stored, and the password only as its argon2id hash.
 */
export const registrationRequests = pgTable(
  "registration_requests",
  {
    tokenHash: text("token_hash").primaryKey(),
    email: text("email").notNull(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    locale: text("locale", { enum: ["sv", "en"] })
      .notNull()
      .default("sv"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("registration_requests_email_idx").on(t.email)],
);

/**
 * Rate-limit counters shared by every process on one PostgreSQL database, in the shape
 * rate-limiter-flexible's RateLimiterPostgres expects (key, points, expire in epoch milliseconds).
 * On embedded PGlite (one process) the counters stay in memory and this table is unused.
 */
export const rateLimits = pgTable("rate_limits", {
  key: varchar("key", { length: 255 }).primaryKey(),
  points: integer("points").notNull().default(0),
  expire: bigint("expire", { mode: "number" }),
});
