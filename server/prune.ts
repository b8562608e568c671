import { and, inArray, isNotNull, lt, or } from "drizzle-orm";
import type { Database } from "../db/client";
import { mailOutbox, passwordResetTokens, rateLimits, registrationRequests, sessions } from "../db/schema";
import { sessionCutoffs, type SessionPolicy } from "../app/server-entry";
import { pruneLiveEvents } from "./live-replay";

export interface PruneResult {
  liveEvents: number;
  sessions: number;
  resetTokens: number;
  mails: number;
  registrationRequests: number;
  rateLimitCounters: number;
}

/** Sent or given-up mail (its recipient and template; what it said is emptied at once) is kept this long. */
export const mailKeptDays = 7;

/**
 * Deletes what is kept only for a while (see /personuppgifter): live events older than a day,
 * sessions past their idle or absolute limit, reset links that are used or expired, registrations
 * whose confirmation link expired, mail sent or given up more than a week ago, and rate-limit
 * counters whose window has passed (on PostgreSQL; on PGlite the counters live in memory).
 */
export async function pruneStoredData(database: Database, session: SessionPolicy, now = new Date()): Promise<PruneResult> {
  const { lastSeenAfter, createdAfter } = sessionCutoffs(session, now);
  const liveEvents = await pruneLiveEvents(database, now);
  const oldSessions = await database.db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, lastSeenAfter), lt(sessions.createdAt, createdAfter)))
    .returning({ id: sessions.id });
  const oldTokens = await database.db
    .delete(passwordResetTokens)
    .where(or(isNotNull(passwordResetTokens.usedAt), lt(passwordResetTokens.expiresAt, now)))
    .returning({ hash: passwordResetTokens.tokenHash });
  const oldMails = await database.db
    .delete(mailOutbox)
    .where(
      and(
        inArray(mailOutbox.status, ["sent", "failed"]),
        lt(mailOutbox.createdAt, new Date(now.getTime() - mailKeptDays * 24 * 3600_000)),
      ),
    )
    .returning({ id: mailOutbox.id });
  const oldRegistrations = await database.db
    .delete(registrationRequests)
    .where(lt(registrationRequests.expiresAt, now))
    .returning({ hash: registrationRequests.tokenHash });
  const oldCounters = await database.db
    .delete(rateLimits)
    .where(lt(rateLimits.expire, now.getTime()))
    .returning({ key: rateLimits.key });
  return {
    liveEvents,
    sessions: oldSessions.length,
    resetTokens: oldTokens.length,
    registrationRequests: oldRegistrations.length,
    rateLimitCounters: oldCounters.length,
    mails: oldMails.length,
  };
}

/** Prunes now and then every hour; every process may do it, the deletes are idempotent. */
export function startPruneJob(database: Database, session: SessionPolicy, onError: (error: unknown) => void): () => void {
  const run = () => void pruneStoredData(database, session).catch(onError);
  run();
  const timer = setInterval(run, 60 * 60 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
