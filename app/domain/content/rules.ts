// Rules about content that routes, the domain and the UI all apply: plain values, safe in the browser.
import { ideaStatuses, type IdeaStatus } from "../../../db/constants";

export { ideaStatuses, type IdeaStatus };

/** Removed content is content that was deleted or that a moderator hid: only staff still see it. */
export function isRemoved(item: { deletedAt: Date | string | null; hidden: boolean }): boolean {
  return item.deletedAt !== null || item.hidden;
}

/** An idea that still takes supports and waits for Samhällslabbet: open, or ready for review. */
export const activeIdeaStatuses = ["open", "ready_for_review"] as const satisfies readonly IdeaStatus[];

export function isActiveIdea(status: string): boolean {
  return (activeIdeaStatuses as readonly string[]).includes(status);
}
