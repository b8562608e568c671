import { sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { liveEvents } from "../../../db/schema";
import type { LiveEvent } from "../../realtime/events";

/**
 * One transaction-scoped advisory lock orders the whole outbox: an event's id is drawn after the
 * lock is taken and the lock is held until commit, so ids become visible in increasing order.
 * Without it, a transaction that drew id 10 could commit after one that drew 11, and a client
 * that had seen 11 would never ask for 10. The lock is held from the first recordEvent to the
 * commit, so call recordEvent last in the transaction, after the writes it describes.
 * (Requires READ COMMITTED, PostgreSQL's default, so that `prev` sees the latest commit.)
 */
const outboxLockKey = 5_346_001;

/** Transactions that already hold the outbox lock (it is released by their commit or rollback). */
const locked = new WeakSet<object>();

function isTransaction(db: DbOrTx): boolean {
  return "rollback" in db;
}

/**
 * Writes a live event into the outbox. Call it inside the same transaction as the change
 * it describes; the caller publishes the returned events after the transaction commits
 * (context.live.publish), and clients that missed them catch up from the table.
 */
export async function recordEvent<P>(tx: DbOrTx, room: string, type: string, payload: P): Promise<LiveEvent<P>> {
  if (!isTransaction(tx)) return (tx as Db).transaction((inner) => recordEvent(inner, room, type, payload));
  // Taken once per transaction: it is held until commit anyway, and a write records up to four events.
  if (!locked.has(tx)) {
    await tx.execute(sql`select pg_advisory_xact_lock(${outboxLockKey})`);
    locked.add(tx);
  }
  const [row] = await tx
    .insert(liveEvents)
    .values({ room, type, payload: payload as object })
    .returning({
      id: liveEvents.id,
      prev: sql<number | null>`(select max(e.id) from live_events e where e.room = ${room})`.mapWith((value: unknown) =>
        value === null ? null : Number(value),
      ),
    });
  return { id: row.id, room, type, payload, prev: row.prev };
}

const sharedCursors = new WeakMap<object, Promise<number>>();

/**
 * The highest committed event id: data read after this call reflects every event up to it.
 * A loader that wants live updates reads it first and hands it to useLiveRoom as `after`.
 * Loaders of one page pass the same `sharedBy` (the request's load context) and read it once:
 * each of them still awaits it before reading its data, so the guarantee holds for all of them.
 */
export function getLiveCursor(db: DbOrTx, sharedBy?: object): Promise<number> {
  if (!sharedBy) return readLiveCursor(db);
  let cursor = sharedCursors.get(sharedBy);
  if (!cursor) {
    cursor = readLiveCursor(db);
    sharedCursors.set(sharedBy, cursor);
  }
  return cursor;
}

async function readLiveCursor(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ id: sql<number | null>`max(${liveEvents.id})` }).from(liveEvents);
  return row?.id === null || row?.id === undefined ? 0 : Number(row.id);
}

/**
 * A cursor read by another statement of this request before any of its data (the session's read):
 * getLiveCursor with the same `sharedBy` returns it instead of reading again. One read already
 * under way is kept.
 */
export function shareLiveCursor(sharedBy: object, cursor: number): void {
  if (!sharedCursors.has(sharedBy)) sharedCursors.set(sharedBy, Promise.resolve(cursor));
}
