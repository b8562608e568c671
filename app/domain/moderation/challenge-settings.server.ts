import { asc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { challenges } from "../../../db/schema";
import { recordAudit } from "../audit/audit.server";
import { saveModerationSettings, type ModerationSettings } from "./settings.server";

export function listChallengeModeration(db: Db) {
  return db
    .select({
      id: challenges.id,
      title: challenges.title,
      reportThreshold: challenges.reportThreshold,
      premoderateNewAccounts: challenges.premoderateNewAccounts,
    })
    .from(challenges)
    .orderBy(asc(challenges.title));
}

export interface ModerationSettingsInput {
  site: ModerationSettings;
  challenges: { id: number; reportThreshold: number; premoderateNewAccounts: boolean }[];
}

/** Saves the spam limits and each challenge's report threshold and pre-moderation; an admin action, so audited. */
export async function updateModerationSettings(db: Db, actorId: string, input: ModerationSettingsInput): Promise<void> {
  await db.transaction(async (tx) => {
    await saveModerationSettings(tx, input.site);
    for (const c of input.challenges) {
      await tx
        .update(challenges)
        .set({ reportThreshold: c.reportThreshold, premoderateNewAccounts: c.premoderateNewAccounts })
        .where(eq(challenges.id, c.id));
    }
    await recordAudit(tx, {
      actorId,
      action: "settings.moderation",
      targetType: "site",
      targetId: "moderation",
      public: false,
      details: { site: input.site, challenges: input.challenges },
    });
  });
}
