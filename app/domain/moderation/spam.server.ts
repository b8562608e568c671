import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { comments, ideas, users } from "../../../db/schema";
import { getModerationSettings } from "./settings.server";
import { countLinks, normaliseForDuplicate } from "./spam";

export type SpamVerdict =
  | { ok: true }
  | { ok: false; problem: "too_many_links"; maxLinks: number }
  | { ok: false; problem: "duplicate"; minutes: number };

const normalisedBody = (column: typeof ideas.body | typeof comments.body) =>
  sql`btrim(regexp_replace(lower(${column}), '\\s+', ' ', 'g'))`;

/**
 * The spam limits a new idea or comment must pass: a new account may include only a few links,
 * and nobody may post the same text twice within a few minutes. Call it in the create transaction.
 */
export async function checkSpam(tx: DbOrTx, userId: string, text: string, now = new Date()): Promise<SpamVerdict> {
  const settings = await getModerationSettings(tx);
  const [user] = await tx.select({ createdAt: users.createdAt }).from(users).where(eq(users.id, userId));
  if (!user) return { ok: true };
  const isNewAccount = now.getTime() - user.createdAt.getTime() < settings.newAccountHours * 3_600_000;
  if (isNewAccount && countLinks(text) > settings.newAccountMaxLinks) {
    return { ok: false, problem: "too_many_links", maxLinks: settings.newAccountMaxLinks };
  }
  const since = new Date(now.getTime() - settings.duplicateWindowMinutes * 60_000);
  const normalised = normaliseForDuplicate(text);
  const [idea] = await tx
    .select({ id: ideas.id })
    .from(ideas)
    .where(
      and(
        eq(ideas.authorId, userId),
        gt(ideas.createdAt, since),
        isNull(ideas.deletedAt),
        sql`${normalisedBody(ideas.body)} = ${normalised}`,
      ),
    )
    .limit(1);
  const [comment] = idea
    ? [idea]
    : await tx
        .select({ id: comments.id })
        .from(comments)
        .where(
          and(
            eq(comments.authorId, userId),
            gt(comments.createdAt, since),
            isNull(comments.deletedAt),
            sql`${normalisedBody(comments.body)} = ${normalised}`,
          ),
        )
        .limit(1);
  if (comment) return { ok: false, problem: "duplicate", minutes: settings.duplicateWindowMinutes };
  return { ok: true };
}

/** The create functions' problem name for a refused post, and the message the form shows for it. */
export type SpamProblem = "spam_links" | "spam_duplicate";
export function spamProblem(verdict: Exclude<SpamVerdict, { ok: true }>): SpamProblem {
  return verdict.problem === "too_many_links" ? "spam_links" : "spam_duplicate";
}
