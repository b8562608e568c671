import crypto from "node:crypto";
import type pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";

/**
 * Every rate limit of the app, behind one object that routes reach through getLoadContext
 * (`context.rateLimits`). With PostgreSQL the counters live in the `rate_limits` table (created by
 * a migration), so every process on the database counts together; on embedded PGlite (one process)
 * they live in memory. See docs/decisions/009-rate-limits-in-postgres.md.
 *
 * Sign-in follows OWASP's guidance against guessing without letting anyone lock the owner out:
 * - per account and address: 8 failures in 15 minutes, then that address waits for that account;
 * - per address: 30 failures in 15 minutes across accounts (successful sign-ins do not count, so an
 *   office behind one NAT address is not locked out);
 * - per account from everywhere: after 10 failures in an hour each attempt is slowed down a little
 *   (at most a few seconds), never refused, so the owner from another address always gets in.
 */

export interface Limited {
  retryAfterSeconds: number;
}

/** A node-postgres Pool: what RateLimiterPostgres accepts as its store client. */
export type PostgresPool = pg.Pool;

/** A limit of `points` in a window of `seconds`. */
export interface Limit {
  points: number;
  seconds: number;
}

/** The write limits that are configured (RATE_IDEAS, RATE_COMMENTS, …, parsed by server/env.ts); the others are fixed here. */
export interface WriteLimits {
  /** Per user. */
  ideas: Limit;
  comments: Limit;
  votes: Limit;
  reports: Limit;
  /** Per account, or per address for visitors. */
  barriers: Limit;
  /** Per address. */
  contact: Limit;
}

export interface RateLimitOptions {
  /** Shared counters in PostgreSQL; without it, counters in this process's memory. */
  pool?: PostgresPool;
  /** How long one failure beyond the per-account threshold delays the next attempt (tests shorten it). */
  accountDelayStepMs?: number;
}

export type UserAction = "idea" | "comment" | "vote" | "report";

export interface RateLimits {
  readonly store: "postgres" | "memory";
  /** Counts a sign-in attempt before the password is checked; a refusal answers 429, a delay is waited out. */
  beginLogin(ip: string, email: string): Promise<{ limited: Limited | null; delayMs: number }>;
  loginFailed(ip: string, email: string): Promise<void>;
  /** A successful sign-in gives its attempt back: successes never count towards a limit. */
  loginSucceeded(ip: string, email: string): Promise<void>;
  checkRegisterAllowed(ip: string): Promise<Limited | null>;
  /** False once the address has had its share of registration mails this hour (answered silently). */
  registerMailAllowed(email: string): Promise<boolean>;
  checkResetAllowed(ip: string): Promise<Limited | null>;
  /** False once the address has had its share of reset mails this hour. */
  resetMailAllowed(email: string): Promise<boolean>;
  /** Counts a wrong two-factor code; a refusal ends the half-signed-in session. */
  recordWrongCode(sessionId: string, userId: string): Promise<Limited | null>;
  checkContactAllowed(ip: string): Promise<Limited | null>;
  checkNewsletterAllowed(ip: string): Promise<Limited | null>;
  /** Counts one write by the user; returns how long to wait when the limit is reached. */
  consumeUserAction(userId: string, action: UserAction): Promise<Limited | null>;
  /** Counts one accessibility barrier report (key: the account, or the address for visitors). */
  consumeBarrierReport(key: string): Promise<Limited | null>;
}

export const loginLimits = {
  perAccountAndIp: { points: 8, duration: 15 * 60 },
  perIp: { points: 30, duration: 15 * 60 },
  perAccount: { freeFailures: 10, duration: 60 * 60, maxDelayMs: 5000 },
} as const;

/**
 * Keys are hashed: they stay short (the table's key is varchar(255)) and no address, IP address or
 * session id is stored in the clear.
 */
function hashKey(key: string): string {
  return crypto.createHash("sha256").update(key).digest("base64url").slice(0, 32);
}

const account = (email: string) => email.trim().toLowerCase();

export const rateLimitTable = "rate_limits";

export function createRateLimits(limits: WriteLimits, options: RateLimitOptions = {}): RateLimits {
  const pool = options.pool;
  const make = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract =>
    pool
      ? new RateLimiterPostgres({
          storeClient: pool,
          storeType: "pool",
          tableName: rateLimitTable,
          tableCreated: true,
          // Expired rows are deleted by the hourly prune job (server/prune.ts), not by a timer per limiter.
          clearExpiredByTimeout: false,
          keyPrefix,
          points,
          duration,
          // While the database is unreachable each process keeps counting in memory.
          insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
        })
      : new RateLimiterMemory({ keyPrefix, points, duration });

  const pairKey = (ip: string, email: string) => `${account(email)}\n${ip}`;
  const loginByAccountAndIp = make(
    "login_fail_account_ip",
    loginLimits.perAccountAndIp.points,
    loginLimits.perAccountAndIp.duration,
  );
  const loginByIp = make("login_fail_ip", loginLimits.perIp.points, loginLimits.perIp.duration);
  // Only counts: it is never refused (its points are out of reach), it only slows attempts down.
  const loginByAccount = make("login_fail_account", 1_000_000, loginLimits.perAccount.duration);
  const delayStep = options.accountDelayStepMs ?? 500;

  const registerByIp = make("register_ip", 10, 60 * 60);
  const registerMailByAccount = make("register_mail_account", 3, 60 * 60);
  const resetByIp = make("reset_ip", 10, 60 * 60);
  const resetByAccount = make("reset_account", 3, 60 * 60);
  // Six digits are guessable without a limit: five wrong codes end the half-signed-in session.
  const twoFactorBySession = make("totp_session", 4, 15 * 60);
  const twoFactorByUser = make("totp_user", 20, 60 * 60);
  // Public forms that send mail: few real people send more, and each one costs a mail.
  const contactByIp = make("contact_ip", limits.contact.points, limits.contact.seconds);
  const newsletterByIp = make("newsletter_ip", 10, 60 * 60);
  const barrier = make("barrier", limits.barriers.points, limits.barriers.seconds);
  const userLimits: Record<UserAction, Limit> = {
    idea: limits.ideas,
    comment: limits.comments,
    vote: limits.votes,
    report: limits.reports,
  };
  const userLimiters = Object.fromEntries(
    Object.entries(userLimits).map(([action, { points, seconds }]) => [action, make(`user_${action}`, points, seconds)]),
  ) as Record<UserAction, RateLimiterAbstract>;

  /** Counts one point for the key (hashed here, like every key given to a limiter). */
  async function consume(limiter: RateLimiterAbstract, key: string): Promise<Limited | null> {
    try {
      await limiter.consume(hashKey(key));
      return null;
    } catch (result) {
      if (result instanceof RateLimiterRes) return { retryAfterSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)) };
      throw result;
    }
  }

  return {
    store: pool ? "postgres" : "memory",
    async beginLogin(ip, email) {
      const limited = (await consume(loginByIp, ip)) ?? (await consume(loginByAccountAndIp, pairKey(ip, email)));
      if (limited) return { limited, delayMs: 0 };
      const failures = (await loginByAccount.get(hashKey(account(email))))?.consumedPoints ?? 0;
      const beyond = failures - loginLimits.perAccount.freeFailures;
      return { limited: null, delayMs: beyond > 0 ? Math.min(beyond * delayStep, loginLimits.perAccount.maxDelayMs) : 0 };
    },
    async loginFailed(_ip, email) {
      await loginByAccount.penalty(hashKey(account(email)), 1);
    },
    async loginSucceeded(ip, email) {
      await loginByIp.reward(hashKey(ip), 1);
      await loginByAccountAndIp.delete(hashKey(pairKey(ip, email)));
    },
    checkRegisterAllowed: (ip) => consume(registerByIp, ip),
    registerMailAllowed: async (email) => (await consume(registerMailByAccount, account(email))) === null,
    checkResetAllowed: (ip) => consume(resetByIp, ip),
    resetMailAllowed: async (email) => (await consume(resetByAccount, account(email))) === null,
    recordWrongCode: async (sessionId, userId) =>
      (await consume(twoFactorBySession, sessionId)) ?? (await consume(twoFactorByUser, userId)),
    checkContactAllowed: (ip) => consume(contactByIp, ip),
    checkNewsletterAllowed: (ip) => consume(newsletterByIp, ip),
    consumeUserAction: (userId, action) => consume(userLimiters[action], userId),
    consumeBarrierReport: (key) => consume(barrier, key),
  };
}
