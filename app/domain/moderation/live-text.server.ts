import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { comments, ideas } from "../../../db/schema";
import type { LiveEvent } from "../../realtime/events";
import { renderMarkdown } from "../content/markdown.server";
import { recordEvent } from "../live/outbox.server";

/**
 * Staff rewrite a post's text (a moderator's edit, a redaction of personal data): the row gets the
 * new text, the outbox's earlier events about it too, and readers of a visible post get one updated
 * event. The Markdown is rendered once. `editedAt` marks the post as edited; without it the mark
 * stays as it was (a redaction is not an edit by the author).
 */
export async function rewritePost(
  tx: DbOrTx,
  post: { type: "idea" | "comment"; id: number },
  text: { title?: string; body: string },
  options: { editedAt?: Date } = {},
): Promise<LiveEvent[]> {
  const bodyHtml = renderMarkdown(text.body);
  const edited = options.editedAt ? { editedAt: options.editedAt } : {};
  if (post.type === "comment") {
    const [row] = await tx
      .update(comments)
      .set({ body: text.body, ...edited })
      .where(eq(comments.id, post.id))
      .returning();
    await replaceTextInLiveEvents(tx, { type: "comment", id: row.id, ideaId: row.ideaId, bodyHtml });
    if (row.hidden) return [];
    const payload = { id: row.id, bodyHtml, editedAt: row.editedAt?.toISOString() ?? null };
    return [await recordEvent(tx, `idea:${row.ideaId}`, "comment.updated", payload)];
  }
  const [idea] = await tx
    .update(ideas)
    .set({ ...(text.title === undefined ? {} : { title: text.title }), body: text.body, ...edited })
    .where(eq(ideas.id, post.id))
    .returning();
  await replaceTextInLiveEvents(tx, { type: "idea", id: idea.id, challengeId: idea.challengeId, title: idea.title, bodyHtml });
  if (idea.hidden) return [];
  return [
    await recordEvent(tx, `idea:${idea.id}`, "idea.updated", {
      id: idea.id,
      title: idea.title,
      bodyHtml,
      editedAt: idea.editedAt?.toISOString() ?? null,
      deleted: false,
      supportCount: idea.supportCount,
      commentCount: idea.commentCount,
      status: idea.status,
    }),
  ];
}

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
