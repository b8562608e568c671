import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import type { LiveEvent, SubscribeReply } from "../app/server-entry";

/** Events are kept this long; a client away for longer reloads the page's data instead. */
export const retentionMs = 24 * 60 * 60 * 1000;
/** More missed events than this in one room: a reload is cheaper than a replay. */
export const maxReplay = 500;

interface ReplayRow {
  newest: number | string;
  seq: number | string | null;
  type: string | null;
  payload: unknown;
}

/**
 * What a (re)subscribing client missed in one room. Call it after the socket has joined the room:
 * anything committed from then on also arrives live, and the client drops ids it already has.
 * Ids count a room's events (1, 2, 3, …; see recordEvent), so a missing one means it was pruned.
 */
export async function replayRoom(database: Database, room: string, after: number | null): Promise<SubscribeReply> {
  // One statement, one snapshot: the room's newest id and every kept event after `after` up to it.
  const rows = await database.rows<ReplayRow>(sql`
    select r.seq as newest, e.seq, e.type, e.payload
    from live_rooms r
    left join lateral (
      select seq, type, payload from live_events
      where room = r.room and seq > ${after ?? 0} and ${after !== null}
      order by seq limit ${maxReplay}
    ) e on true
    where r.room = ${room}
    order by e.seq`);
  const cursor = rows.length ? Number(rows[0].newest) : 0;
  if (after === null || after === cursor) return { ok: true, events: [], cursor };
  // More than is worth replaying, events pruned since, or a client ahead of the room (its ids came
  // from another database): it reloads the page's data and continues from the cursor.
  const events = rows
    .filter((row) => row.seq !== null)
    .map((row): LiveEvent => {
      const id = Number(row.seq);
      return {
        id,
        room,
        type: row.type!,
        payload: typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload,
        prev: id > 1 ? id - 1 : null,
      };
    });
  if (after > cursor || cursor - after > maxReplay || events[0]?.id !== after + 1) return { ok: true, reset: true, cursor };
  return { ok: true, events, cursor };
}

/** Deletes events older than the retention period (live_rooms keeps every room's count). */
export async function pruneLiveEvents(database: Database, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionMs);
  const rows = await database.rows<{ id: number }>(sql`
    delete from live_events where created_at < ${cutoff.toISOString()}::timestamptz returning id`);
  return rows.length;
}
