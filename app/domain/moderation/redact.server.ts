import { and, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { ideas, comments, revisions } from "../../../db/schema";
import type { LiveEvent } from "../../realtime/events";
import { can, type Actor } from "../../auth/permissions";
import { renderMarkdown } from "../content/markdown.server";
import { recordAudit } from "../audit/audit.server";
import { loadTarget } from "./targets.server";
import { replaceTextInLiveEvents, rewritePost } from "./live-text.server";

export const redactionMark = "[personuppgift borttagen]";

export interface RedactInput {
  targetType: "idea" | "comment";
  targetId: string;
  /** The exact passage to remove (e.g. a phone number); every occurrence goes. */
  text: string;
}

export type RedactOutcome =
  | { ok: true; events: LiveEvent[]; auditId: number }
  | { ok: false; problem: "not_found" | "forbidden" | "text_not_found" | "text_required" };

function scrub(value: string, passage: string): string {
  return value.split(passage).join(redactionMark);
}

/**
 * Replaces personal data inside a post with a mark. The post's earlier versions are scrubbed too,
 * so the passage survives only in the audit record's details, which only staff can read.
 */
export async function redactPersonalData(db: Db, actor: Actor, input: RedactInput): Promise<RedactOutcome> {
  const passage = input.text.trim();
  if (passage.length < 2) return { ok: false, problem: "text_required" };
  return db.transaction(async (tx) => {
    const target = await loadTarget(tx, input.targetType, input.targetId, { forUpdate: true });
    if (!target || target.deleted) return { ok: false, problem: "not_found" } as const;
    if (!can(actor, "moderation.edit", { ownerId: target.ownerId, targetRole: target.ownerRole }))
      return { ok: false, problem: "forbidden" } as const;
    const history = await tx
      .select()
      .from(revisions)
      .where(and(eq(revisions.targetType, input.targetType), eq(revisions.targetId, Number(target.id))));
    const inPost = (target.body ?? "").includes(passage) || (target.title ?? "").includes(passage);
    const inHistory = history.filter((r) => r.body.includes(passage) || (r.title ?? "").includes(passage));
    if (!inPost && inHistory.length === 0) return { ok: false, problem: "text_not_found" } as const;
    for (const r of inHistory) {
      await tx
        .update(revisions)
        .set({ body: scrub(r.body, passage), title: r.title === null ? null : scrub(r.title, passage) })
        .where(eq(revisions.id, r.id));
    }
    const events = inPost ? await scrubPost(tx, input.targetType, Number(target.id), passage) : [];
    if (!inPost) {
      // Only earlier versions held it; the events that announced those versions get the current text.
      const bodyHtml = renderMarkdown(target.body ?? "");
      await replaceTextInLiveEvents(
        tx,
        input.targetType === "comment"
          ? { type: "comment", id: Number(target.id), ideaId: target.ideaId!, bodyHtml }
          : { type: "idea", id: Number(target.id), challengeId: target.challengeId!, title: target.title ?? "", bodyHtml },
      );
    }
    const auditId = await recordAudit(tx, {
      actorId: actor.id,
      action: `${input.targetType}.redact`,
      targetType: input.targetType,
      targetId: target.id,
      reasonCategory: "personal_data",
      public: false,
      details: { removed: passage, title: target.title, body: target.body, revisionsScrubbed: inHistory.map((r) => r.id) },
    });
    return { ok: true, events, auditId } as const;
  });
}

async function scrubPost(tx: DbOrTx, type: "idea" | "comment", id: number, passage: string): Promise<LiveEvent[]> {
  if (type === "comment") {
    const [current] = await tx.select().from(comments).where(eq(comments.id, id));
    return rewritePost(tx, { type, id }, { body: scrub(current.body, passage) });
  }
  const [current] = await tx.select().from(ideas).where(eq(ideas.id, id));
  return rewritePost(tx, { type, id }, { title: scrub(current.title, passage), body: scrub(current.body, passage) });
}
