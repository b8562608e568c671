import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { notificationPreferences } from "../../../db/schema";
import { notificationKinds, type NotificationKind } from "./kinds";

export interface KindPreference {
  kind: NotificationKind;
  inApp: boolean;
  email: boolean;
}

/** Every kind with the user's choice; kinds never chosen are on for both channels. */
export async function getPreferences(db: Db, userId: string): Promise<KindPreference[]> {
  const rows = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  return notificationKinds.map((kind) => ({
    kind,
    inApp: byKind.get(kind)?.inApp ?? true,
    email: byKind.get(kind)?.email ?? true,
  }));
}

export async function savePreferences(db: Db, userId: string, prefs: KindPreference[]): Promise<void> {
  await db.transaction(async (tx) => {
    for (const p of prefs) {
      await tx
        .insert(notificationPreferences)
        .values({ userId, kind: p.kind, inApp: p.inApp, email: p.email })
        .onConflictDoUpdate({
          target: [notificationPreferences.userId, notificationPreferences.kind],
          set: { inApp: p.inApp, email: p.email },
        });
    }
  });
}
