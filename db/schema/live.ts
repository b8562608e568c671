import { pgTable, text, bigserial, bigint, jsonb, timestamp, index, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * Transactional outbox of live events: written in the same transaction as the change
 * that caused it, broadcast after commit, replayed to clients that missed it.
 * `seq` is the event's place in its room (1, 2, 3, … without gaps); clients count by it.
 */
export const liveEvents = pgTable(
  "live_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    room: text("room").notNull(),
    seq: bigint("seq", { mode: "number" }).notNull(),
    type: text("type").notNull(),
    payload: jsonb("payload").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("live_events_room_seq_idx").on(t.room, t.seq), index("live_events_created_idx").on(t.createdAt)],
);

/**
 * The newest `seq` of every room. Recording an event raises it in the recording transaction, so
 * the row stays locked until that transaction ends: events of one room commit in `seq` order, and
 * writes to different rooms never wait for each other. Rows outlive pruned events, so a room's
 * count never starts again.
 */
export const liveRooms = pgTable("live_rooms", {
  room: text("room").primaryKey(),
  seq: bigint("seq", { mode: "number" }).notNull(),
});
