import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { challenges, comments, ideas, users } from "../../../db/schema";
import type { LiveEvent } from "../../realtime/events";
import { recordEvent } from "../live/outbox.server";
import { openReviewItem } from "./reports.server";
import { getModerationSettings, type ModerationSettings } from "./settings.server";

export interface NewPost {
  type: "idea" | "comment";
  id: number;
  authorId: string;
  challengeId: number;
}

/** What pre-moderation looks at, when the caller has read it already (with its own facts). */
export interface PremoderationFacts {
  premoderate: boolean;
  author: { role: string; createdAt: Date } | null;
  settings: ModerationSettings;
}

/**
 * Pre-moderation: in a challenge that asks for it, the first posts of a new resident account
 * are hidden and wait in the queue. Call it in the create transaction, before recording any
 * public event; when it returns held, record none (the text must not reach public rooms).
 */
export async function holdForPremoderation(
  tx: DbOrTx,
  post: NewPost,
  now = new Date(),
  facts?: PremoderationFacts,
): Promise<{ held: boolean; events: LiveEvent[] }> {
  const premoderate =
    facts?.premoderate ??
    (
      await tx
        .select({ premoderate: challenges.premoderateNewAccounts })
        .from(challenges)
        .where(eq(challenges.id, post.challengeId))
    )[0]?.premoderate;
  if (!premoderate) return { held: false, events: [] };
  const [author] = facts
    ? [facts.author]
    : await tx.select({ role: users.role, createdAt: users.createdAt }).from(users).where(eq(users.id, post.authorId));
  if (!author || author.role !== "resident") return { held: false, events: [] };
  const settings = facts?.settings ?? (await getModerationSettings(tx));
  if (now.getTime() - author.createdAt.getTime() >= settings.newAccountHours * 3_600_000) return { held: false, events: [] };
  const [ideaCount] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(ideas)
    .where(eq(ideas.authorId, post.authorId));
  const [commentCount] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(comments)
    .where(eq(comments.authorId, post.authorId));
  // The new post is already counted.
  if (ideaCount.n + commentCount.n > settings.premoderatedPosts) return { held: false, events: [] };
  const table = post.type === "idea" ? ideas : comments;
  await tx
    .update(table)
    .set({ hidden: true, hiddenReason: "pending_review" })
    .where(and(eq(table.id, post.id)));
  const item = await openReviewItem(tx, { type: post.type, id: String(post.id) }, "premoderation");
  const event = await recordEvent(tx, "moderation", "review.created", {
    itemId: item.id,
    targetType: post.type,
    premoderation: true,
  });
  return { held: true, events: [event] };
}
