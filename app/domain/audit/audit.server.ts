import type { DbOrTx } from "../../../db/client";
import { moderationActions } from "../../../db/schema";
import type { AuditAction } from "./actions";

export interface AuditEntry {
  actorId: string;
  action: AuditAction;
  targetType: string;
  targetId: string | number;
  reasonCategory?: string | null;
  reason?: string | null;
  public?: boolean;
  details?: Record<string, unknown> | null;
}

/** Records a staff action. Call it in the same transaction as the action itself. */
export async function recordAudit(tx: DbOrTx, entry: AuditEntry): Promise<number> {
  const [row] = await tx
    .insert(moderationActions)
    .values({
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: String(entry.targetId),
      reasonCategory: entry.reasonCategory ?? null,
      reason: entry.reason ?? null,
      public: entry.public ?? true,
      details: entry.details ?? null,
    })
    .returning({ id: moderationActions.id });
  return row.id;
}
