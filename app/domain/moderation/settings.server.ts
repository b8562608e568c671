import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { moderationSettings } from "../../../db/schema";
import { defaultModerationSettings, moderationSettingKeys, type ModerationSettingKey, type ModerationSettings } from "./rules";

export type { ModerationSettingKey, ModerationSettings } from "./rules";

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
