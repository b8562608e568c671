import type { DbOrTx } from "../../../db/client";
import type { IdeaStatus } from "../../../db/schema";
import type { LiveEvent } from "../../realtime/events";
import { recordEvent } from "../live/outbox.server";

export interface IdeaCounters {
  id: number;
  challengeId: number;
  supportCount: number;
  commentCount: number;
  status: IdeaStatus;
}

/** What the challenge page needs to update an idea's row in its list. */
export function recordIdeaCounters(
  tx: DbOrTx,
  idea: IdeaCounters,
  extra: { title?: string; deleted?: boolean } = {},
): Promise<LiveEvent> {
  return recordEvent(tx, `challenge:${idea.challengeId}`, "idea.updated", {
    ...extra,
    id: idea.id,
    supportCount: idea.supportCount,
    status: idea.status,
    commentCount: idea.commentCount,
  });
}
