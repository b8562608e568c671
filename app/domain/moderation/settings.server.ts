import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { moderationSettings } from "../../../db/schema";

/** The site-wide limits and their defaults; an admin may change them (stored in moderation_settings). */
export const defaultModerationSettings = {
  /** An account younger than this counts as new. */
  newAccountHours: 24,
  /** Links a new account may put in one post. */
  newAccountMaxLinks: 2,
  /** The same text from the same user within this many minutes is refused. */
  duplicateWindowMinutes: 5,
  /** With pre-moderation on, this many first posts of a new account wait for a moderator. */
  premoderatedPosts: 2,
} as const;

export type ModerationSettings = { -readonly [K in keyof typeof defaultModerationSettings]: number };
export type ModerationSettingKey = keyof ModerationSettings;
export const moderationSettingKeys = Object.keys(defaultModerationSettings) as ModerationSettingKey[];

export async function getModerationSettings(tx: DbOrTx): Promise<ModerationSettings> {
  const rows = await tx.select().from(moderationSettings);
  const settings: ModerationSettings = { ...defaultModerationSettings };
  for (const row of rows) {
    if ((moderationSettingKeys as string[]).includes(row.key)) settings[row.key as ModerationSettingKey] = row.value;
  }
  return settings;
}

export async function saveModerationSettings(tx: DbOrTx, values: Partial<ModerationSettings>): Promise<void> {
  for (const key of moderationSettingKeys) {
    const value = values[key];
    if (value === undefined) continue;
    await tx
      .insert(moderationSettings)
      .values({ key, value })
      .onConflictDoUpdate({ target: moderationSettings.key, set: { value, updatedAt: sql`now()` } });
  }
}
