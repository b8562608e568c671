import { eq, sql, type SQL } from "drizzle-orm";
import { runBeforeCommit, type Db, type DbOrTx } from "../../../db/client";
import { liveRooms } from "../../../db/schema";
import type { LiveEvent } from "../../realtime/events";

/**
 * The outbox is ordered per room, not as a whole. An event's `id` is its place in its room
 * (live_rooms.seq: 1, 2, 3, … without gaps). A transaction's events are written by one statement
 * just before it commits (runBeforeCommit): it raises the counters of the rooms involved, in the
 * rooms' sorted order (so two transactions cannot deadlock on them), and the raised rows stay
 * locked until the commit. Within a room, ids therefore become visible in increasing order: a
 * client that has seen 11 never misses a 10 that commits later. Writes to different rooms never
 * wait for each other; writes to the same room wait only for that last statement and the commit.
 * (Requires READ COMMITTED, PostgreSQL's default.)
 */
const pending = new WeakMap<object, LiveEvent[]>();

function isTransaction(db: DbOrTx): boolean {
  return "rollback" in db;
}

/**
 * Records a live event for the outbox. Call it inside the same transaction as the change it
 * describes; the event is written when the transaction commits, and its `id` and `prev` are set
 * then (0 and null until then). The caller publishes the returned events after the commit
 * (context.live.publish), and clients that missed them catch up from the table.
 */
export async function recordEvent<P>(tx: DbOrTx, room: string, type: string, payload: P): Promise<LiveEvent<P>> {
  if (!isTransaction(tx)) return (tx as Db).transaction((inner) => recordEvent(inner, room, type, payload));
  let events = pending.get(tx);
  if (!events) {
    const list: LiveEvent[] = [];
    if (!runBeforeCommit(tx, () => writeEvents(tx, list)))
      throw new Error("recordEvent needs a transaction begun by db.transaction, not a savepoint");
    pending.set(tx, list);
    events = list;
  }
  const event: LiveEvent<P> = { id: 0, room, type, payload, prev: null };
  events.push(event);
  return event;
}

async function writeEvents(tx: DbOrTx, events: LiveEvent[]): Promise<void> {
  if (events.length === 0) return;
  const input = JSON.stringify(events.map((e, ord) => ({ ord, room: e.room, type: e.type, payload: e.payload })));
  const result = await tx.execute(sql`
    with input as (
      select * from jsonb_to_recordset(${input}::jsonb) as t(ord int, room text, type text, payload jsonb)
    ), counts as (
      select room, count(*) as n from input group by room
    ), raised as (
      insert into live_rooms (room, seq) select room, n from counts order by room
      on conflict (room) do update set seq = live_rooms.seq + excluded.seq
      returning room, seq
    ), written as (
      insert into live_events (room, seq, type, payload)
      select i.room, r.seq - c.n + row_number() over (partition by i.room order by i.ord), i.type, i.payload
      from input i join counts c on c.room = i.room join raised r on r.room = i.room
      order by i.ord
    )
    select room, seq from raised`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    room: string;
    seq: string | number;
  }[];
  const perRoom = new Map<string, number>();
  for (const event of events) perRoom.set(event.room, (perRoom.get(event.room) ?? 0) + 1);
  // Each room's first new id: its raised count less this transaction's events in it, plus one.
  const next = new Map<string, number>();
  for (const row of rows) next.set(row.room, Number(row.seq) - perRoom.get(row.room)! + 1);
  for (const event of events) {
    const id = next.get(event.room)!;
    next.set(event.room, id + 1);
    event.id = id;
    event.prev = id > 1 ? id - 1 : null;
  }
}

/**
 * The newest committed event of a room: data read after this call (or by the same statement)
 * reflects every event of the room up to it. A loader that wants live updates reads it first and
 * hands it to useLiveRoom as `after`. With `sharedBy` (the request's load context), loaders of one
 * page read each room once.
 */
export function getLiveCursor(db: DbOrTx, room: string, sharedBy?: object): Promise<number> {
  if (!sharedBy) return readLiveCursor(db, room);
  let cursors = sharedCursors.get(sharedBy);
  if (!cursors) sharedCursors.set(sharedBy, (cursors = new Map()));
  let cursor = cursors.get(room);
  if (!cursor) {
    cursor = readLiveCursor(db, room);
    cursors.set(room, cursor);
  }
  return cursor;
}

const sharedCursors = new WeakMap<object, Map<string, Promise<number>>>();

function prepareCursorRead(db: Db) {
  return db
    .select({ seq: liveRooms.seq })
    .from(liveRooms)
    .where(eq(liveRooms.room, sql.placeholder("room")))
    .prepare("live_cursor");
}

const preparedReads = new WeakMap<object, ReturnType<typeof prepareCursorRead>>();

async function readLiveCursor(db: DbOrTx, room: string): Promise<number> {
  // A page's read is prepared once per database handle; inside a transaction it is a plain query.
  let read = preparedReads.get(db);
  if (!read && !isTransaction(db)) preparedReads.set(db, (read = prepareCursorRead(db as Db)));
  const [row] = read
    ? await read.execute({ room })
    : await db.select({ seq: liveRooms.seq }).from(liveRooms).where(eq(liveRooms.room, room));
  return row ? Number(row.seq) : 0;
}

/**
 * A room's cursor read by another statement of this request before any of its data (the session's
 * read of the user's own room): getLiveCursor with the same `sharedBy` returns it instead of reading
 * again. One read already under way is kept.
 */
export function shareLiveCursor(sharedBy: object, room: string, cursor: number): void {
  let cursors = sharedCursors.get(sharedBy);
  if (!cursors) sharedCursors.set(sharedBy, (cursors = new Map()));
  if (!cursors.has(room)) cursors.set(room, Promise.resolve(cursor));
}

/** The SQL of a room's cursor (0: no event yet), for a statement that reads it with the data it guards. */
export function liveCursorOf(room: SQL) {
  return sql<number>`coalesce((select ${liveRooms.seq} from ${liveRooms} where ${liveRooms.room} = ${room}), 0)`;
}
