import { pgTable, text, timestamp, uniqueIndex, index, boolean, bigint } from "drizzle-orm/pg-core";
import { roles, locales } from "../constants";

// The value lists live in db/constants.ts, which the browser may import; re-exported for server code.
export { roles, locales, type Role, type Locale } from "../constants";

export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: roles }).notNull().default("resident"),
    locale: text("locale", { enum: locales }).notNull().default("sv"),
    suspendedUntil: timestamp("suspended_until", { withTimezone: true }),
    /** Base32 TOTP secret; two-factor sign-in is on only once totp_enabled_at is set. */
    totpSecret: text("totp_secret"),
    totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
    /** The 30-second step of the last code accepted: a code is accepted once, and never an older one. */
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    /** Set when the account was deleted (anonymised); such an account can never sign in. */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_key").on(t.email), index("users_role_idx").on(t.role)],
);

export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** Password accepted, second factor not yet: such a session signs no one in. */
    pendingTwoFactor: boolean("pending_two_factor").notNull().default(false),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);
