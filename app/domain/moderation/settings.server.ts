import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { moderationSettings } from "../../../db/schema";
import { defaultModerationSettings, moderationSettingKeys, type ModerationSettings } from "./rules";

export type { ModerationSettingKey, ModerationSettings } from "./rules";

export async function getModerationSettings(tx: DbOrTx): Promise<ModerationSettings> {
  const rows = await tx.select().from(moderationSettings);
  return toModerationSettings(Object.fromEntries(rows.map((row) => [row.key, row.value])));
}

/** The stored settings as one JSON object, a subquery for a statement that reads them with other facts. */
export function moderationSettingsColumn() {
  return sql<
    Record<string, number> | string
  >`(select coalesce(json_object_agg(${moderationSettings.key}, ${moderationSettings.value}), '{}') from ${moderationSettings})`;
}

/** The settings from what moderationSettingsColumn read (or stored rows by key), defaults for the rest. */
export function toModerationSettings(stored: Record<string, number> | string | null): ModerationSettings {
  const values = typeof stored === "string" ? (JSON.parse(stored) as Record<string, number>) : (stored ?? {});
  const settings: ModerationSettings = { ...defaultModerationSettings };
  for (const key of moderationSettingKeys) {
    if (typeof values[key] === "number") settings[key] = values[key];
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
