/**
 * How long a session lives: it ends after `idleHours` without a request and `maxDays` after
 * sign-in, whichever comes first (SESSION_IDLE_HOURS and SESSION_MAX_DAYS, parsed by server/env.ts).
 * Shared by the HTTP session check (context.config.session), the socket check and the prune job,
 * which are all handed the same policy, so all three agree.
 */
export interface SessionPolicy {
  idleHours: number;
  maxDays: number;
}

/** Sign-in times older than these mean the session is over. */
export function sessionCutoffs(policy: SessionPolicy, now = new Date()) {
  const idleMs = policy.idleHours * 60 * 60 * 1000;
  const maxMs = policy.maxDays * 24 * 60 * 60 * 1000;
  return { lastSeenAfter: new Date(now.getTime() - idleMs), createdAfter: new Date(now.getTime() - maxMs) };
}

export function sessionIsCurrent(
  policy: SessionPolicy,
  session: { createdAt: Date; lastSeenAt: Date },
  now = new Date(),
): boolean {
  const { lastSeenAfter, createdAfter } = sessionCutoffs(policy, now);
  return session.lastSeenAt > lastSeenAfter && session.createdAt > createdAfter;
}

/** last_seen_at is written at most this often, so reading pages costs no write per request. */
export const touchIntervalMs = 60 * 1000;
