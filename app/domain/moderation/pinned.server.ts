import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { ideas } from "../../../db/schema";

/** Ideas a moderator has pinned in a challenge, shown above its list; hidden or removed ones drop out. */
export function listPinnedIdeas(db: Db, challengeId: number) {
  return db
    .select({ id: ideas.id, title: ideas.title })
    .from(ideas)
    .where(and(eq(ideas.challengeId, challengeId), eq(ideas.pinned, true), eq(ideas.hidden, false), isNull(ideas.deletedAt)))
    .orderBy(desc(ideas.lastActivityAt), desc(ideas.id))
    .limit(10);
}
