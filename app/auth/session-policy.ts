/**
 * How long a session lives: it ends after SESSION_IDLE_HOURS without a request (default 7 days)
 * and SESSION_MAX_DAYS after sign-in (default 30 days), whichever comes first. Shared by the
 * HTTP session check, the socket check and the prune job so all three agree.
 */
function positive(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export function sessionLimits() {
  return {
    idleMs: positive("SESSION_IDLE_HOURS", 7 * 24) * 60 * 60 * 1000,
    maxMs: positive("SESSION_MAX_DAYS", 30) * 24 * 60 * 60 * 1000,
  };
}

/** Sign-in times older than these mean the session is over. */
export function sessionCutoffs(now = new Date()) {
  const { idleMs, maxMs } = sessionLimits();
  return { lastSeenAfter: new Date(now.getTime() - idleMs), createdAfter: new Date(now.getTime() - maxMs) };
}

export function sessionIsCurrent(session: { createdAt: Date; lastSeenAt: Date }, now = new Date()): boolean {
  const { lastSeenAfter, createdAfter } = sessionCutoffs(now);
  return session.lastSeenAt > lastSeenAfter && session.createdAt > createdAfter;
}

/** last_seen_at is written at most this often, so reading pages costs no write per request. */
export const touchIntervalMs = 60 * 1000;
