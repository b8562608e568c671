import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { comments, ideas, moderationSettings, users } from "../../../db/schema";
import { moderationSettingsColumn, toModerationSettings, type ModerationSettings } from "./settings.server";
import { defaultModerationSettings } from "./rules";
import { countLinks, normaliseForDuplicate } from "./spam";

export type SpamVerdict =
  | { ok: true }
  | { ok: false; problem: "too_many_links"; maxLinks: number }
  | { ok: false; problem: "duplicate"; minutes: number };

const normalisedBody = (column: typeof ideas.body | typeof comments.body) =>
  sql`btrim(regexp_replace(lower(${column}), '\\s+', ' ', 'g'))`;

/** What the spam limits look at, read by one statement (checkSpam, or the caller's own read). */
export interface SpamFacts {
  settings: ModerationSettings;
  /** When the author's account was created (null: no such account). */
  authorCreatedAt: Date | null;
  /** The author posted the same text within the duplicate window. */
  duplicate: boolean;
}

/**
 * Whether `userId` posted `text` (as an idea or a comment, not deleted) within the duplicate window
 * of the stored settings, as a subquery for a statement that reads it with the rest of a write's facts.
 */
export function duplicatePostColumn(userId: string, text: string, now: Date) {
  const normalised = normaliseForDuplicate(text);
  const window = sql`coalesce((select ${moderationSettings.value} from ${moderationSettings} where ${moderationSettings.key} = 'duplicateWindowMinutes'), ${defaultModerationSettings.duplicateWindowMinutes})`;
  const since = sql`${now.toISOString()}::timestamptz - make_interval(mins => ${window})`;
  const recent = (table: typeof ideas | typeof comments) =>
    sql`exists (select 1 from ${table} where ${and(eq(table.authorId, userId), gt(table.createdAt, since), isNull(table.deletedAt), sql`${normalisedBody(table.body)} = ${normalised}`)})`;
  return sql<boolean>`(${recent(ideas)} or ${recent(comments)})`;
}

/**
 * The spam limits a new idea or comment must pass: a new account may include only a few links,
 * and nobody may post the same text twice within a few minutes. Call it in the create transaction;
 * with `facts` already read (see duplicatePostColumn, moderationSettingsColumn), it reads nothing.
 */
export async function checkSpam(
  tx: DbOrTx,
  userId: string,
  text: string,
  now = new Date(),
  facts?: SpamFacts,
): Promise<SpamVerdict> {
  const known = facts ?? (await readSpamFacts(tx, userId, text, now));
  if (!known.authorCreatedAt) return { ok: true };
  const { settings } = known;
  const isNewAccount = now.getTime() - known.authorCreatedAt.getTime() < settings.newAccountHours * 3_600_000;
  if (isNewAccount && countLinks(text) > settings.newAccountMaxLinks) {
    return { ok: false, problem: "too_many_links", maxLinks: settings.newAccountMaxLinks };
  }
  if (known.duplicate) return { ok: false, problem: "duplicate", minutes: settings.duplicateWindowMinutes };
  return { ok: true };
}

async function readSpamFacts(tx: DbOrTx, userId: string, text: string, now: Date): Promise<SpamFacts> {
  const [row] = await tx
    .select({
      settings: moderationSettingsColumn(),
      createdAt: sql<string | Date | null>`(select ${users.createdAt} from ${users} where ${users.id} = ${userId})`,
      duplicate: duplicatePostColumn(userId, text, now),
    })
    .from(sql`(select 1) as one`);
  return {
    settings: toModerationSettings(row.settings),
    authorCreatedAt: row.createdAt === null ? null : new Date(row.createdAt),
    duplicate: Boolean(row.duplicate),
  };
}

/** The create functions' problem name for a refused post, and the message the form shows for it. */
export type SpamProblem = "spam_links" | "spam_duplicate";
export function spamProblem(verdict: Exclude<SpamVerdict, { ok: true }>): SpamProblem {
  return verdict.problem === "too_many_links" ? "spam_links" : "spam_duplicate";
}
