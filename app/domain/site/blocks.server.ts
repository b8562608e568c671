import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { siteBlocks, siteBlockKeys, type SiteBlockKey } from "../../../db/schema";
import { recordAudit } from "../audit/audit.server";

export type SiteBlocks = Record<SiteBlockKey, string>;

/** The about page's staff-written blocks (Markdown); a block nobody has written yet is empty. */
export async function getSiteBlocks(db: Db): Promise<SiteBlocks> {
  const rows = await db.select().from(siteBlocks);
  const byKey = new Map(rows.map((r) => [r.key, r.body]));
  return Object.fromEntries(siteBlockKeys.map((k) => [k, byKey.get(k) ?? ""])) as SiteBlocks;
}

/** Saves the blocks that changed, each with an audit entry holding the text before. */
export async function saveSiteBlocks(db: Db, actorId: string, values: SiteBlocks): Promise<number> {
  return db.transaction(async (tx) => {
    let changed = 0;
    for (const key of siteBlockKeys) {
      const [before] = await tx.select().from(siteBlocks).where(eq(siteBlocks.key, key)).for("update");
      if (before?.body === values[key]) continue;
      await tx
        .insert(siteBlocks)
        .values({ key, body: values[key], updatedBy: actorId })
        .onConflictDoUpdate({ target: siteBlocks.key, set: { body: values[key], updatedBy: actorId, updatedAt: new Date() } });
      await recordAudit(tx, {
        actorId,
        action: "site.edit",
        targetType: "site_block",
        targetId: key,
        public: false,
        details: { before: before?.body ?? null },
      });
      changed++;
    }
    return changed;
  });
}
