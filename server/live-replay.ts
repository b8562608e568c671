import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import type { LiveEvent, SubscribeReply } from "../app/server-entry";

/** Events are kept this long; a client away for longer reloads the page's data instead. */
export const retentionMs = 24 * 60 * 60 * 1000;
/** More missed events than this in one room: a reload is cheaper than a replay. */
export const maxReplay = 500;

interface EventRow {
  id: number | string;
  room: string;
  type: string;
  payload: unknown;
  prev: number | string | null;
}

function toEvent(row: EventRow): LiveEvent {
  return {
    id: Number(row.id),
    room: row.room,
    type: row.type,
    payload: typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload,
    prev: row.prev === null ? null : Number(row.prev),
  };
}

/**
 * What a (re)subscribing client missed in one room. Call it after the socket has joined the room:
 * anything committed from then on also arrives live, and the client drops ids it already has.
 */
export async function replayRoom(database: Database, room: string, after: number | null): Promise<SubscribeReply> {
  // Read the cursor first: every event up to it is committed, so the query below returns all of them.
  const [bounds] = await database.rows<{ newest: number | string | null; oldest: number | string | null }>(
    sql`select max(id) as newest, min(id) as oldest from live_events`,
  );
  const cursor = bounds?.newest === null || bounds?.newest === undefined ? 0 : Number(bounds.newest);
  if (after === null) return { ok: true, events: [], cursor };
  // Pruning keeps the newest row, so ids below the oldest kept one (but above `after`) may be gone.
  const oldest = bounds?.oldest === null || bounds?.oldest === undefined ? null : Number(bounds.oldest);
  if (oldest !== null && after < oldest - 1) return { ok: true, reset: true, cursor };
  const rows = await database.rows<EventRow>(sql`
    select id, room, type, payload, lag(id) over (order by id) as prev
    from live_events where room = ${room} and id > ${after}
    order by id limit ${maxReplay + 1}`);
  if (rows.length > maxReplay) return { ok: true, reset: true, cursor };
  const events = rows.map(toEvent);
  return { ok: true, events, cursor: Math.max(cursor, events.at(-1)?.id ?? 0) };
}

/** Deletes events older than the retention period, always keeping the newest (the cursor's anchor). */
export async function pruneLiveEvents(database: Database, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionMs);
  const rows = await database.rows<{ id: number }>(sql`
    delete from live_events
    where created_at < ${cutoff.toISOString()}::timestamptz
      and id < (select max(id) from live_events)
    returning id`);
  return rows.length;
}
