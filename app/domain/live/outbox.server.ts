import type { DbOrTx } from "../../../db/client";
import { liveEvents } from "../../../db/schema";
import type { LiveEvent } from "../../realtime/events";

/**
 * Writes a live event into the outbox. Call it inside the same transaction as the change
 * it describes; the caller publishes the returned events after the transaction commits
 * (context.live.publish), and clients that missed them catch up from the table.
 */
export async function recordEvent<P>(tx: DbOrTx, room: string, type: string, payload: P): Promise<LiveEvent<P>> {
  const [row] = await tx
    .insert(liveEvents)
    .values({ room, type, payload: payload as object })
    .returning({ id: liveEvents.id });
  return { id: row.id, room, type, payload };
}
