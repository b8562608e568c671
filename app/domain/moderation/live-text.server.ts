import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";

/**
 * The outbox keeps a day of live events for clients that reconnect, and an event that announced a
 * post carries its text. When a moderator edits a post (or removes personal data from it), the
 * earlier events about that post are given the new text, so that a replay from an old cursor cannot
 * hand out what the moderator removed. Ids, order and every other field stay as they were.
 */
export async function replaceTextInLiveEvents(
  tx: DbOrTx,
  post:
    | { type: "comment"; id: number; ideaId: number; bodyHtml: string }
    | { type: "idea"; id: number; challengeId: number; title: string; bodyHtml: string },
): Promise<void> {
  if (post.type === "comment") {
    await tx.execute(sql`
      update live_events
         set payload = jsonb_set(payload, '{bodyHtml}', to_jsonb(${post.bodyHtml}::text))
       where room = ${`idea:${post.ideaId}`} and type like 'comment.%'
         and payload->>'id' = ${String(post.id)} and jsonb_exists(payload, 'bodyHtml')`);
    return;
  }
  const rooms = [`idea:${post.id}`, `challenge:${post.challengeId}`];
  await tx.execute(sql`
    update live_events
       set payload = jsonb_set(payload, '{title}', to_jsonb(${post.title}::text))
     where room in (${sql.join(
       rooms.map((r) => sql`${r}`),
       sql`, `,
     )}) and type like 'idea.%'
       and payload->>'id' = ${String(post.id)} and jsonb_exists(payload, 'title')`);
  await tx.execute(sql`
    update live_events
       set payload = jsonb_set(payload, '{bodyHtml}', to_jsonb(${post.bodyHtml}::text))
     where room in (${sql.join(
       rooms.map((r) => sql`${r}`),
       sql`, `,
     )}) and type like 'idea.%'
       and payload->>'id' = ${String(post.id)} and jsonb_exists(payload, 'bodyHtml')`);
}
