import { pgTable, text, bigserial, jsonb, timestamp, index } from "drizzle-orm/pg-core";

/**
 * Transactional outbox of live events: written in the same transaction as the change
 * that caused it, broadcast after commit, replayed to clients that missed it.
 */
export const liveEvents = pgTable(
  "live_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    room: text("room").notNull(),
    type: text("type").notNull(),
    payload: jsonb("payload").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("live_events_room_id_idx").on(t.room, t.id), index("live_events_created_idx").on(t.createdAt)],
);
