import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

/**
 * Login and registration limits. They slow down guessing without locking a real user out
 * for long: the per-account block lasts 15 minutes and a successful login clears it.
 */
const loginByIp = new RateLimiterMemory({ keyPrefix: "login_ip", points: 30, duration: 15 * 60 });
const loginByAccount = new RateLimiterMemory({ keyPrefix: "login_account", points: 8, duration: 15 * 60, blockDuration: 15 * 60 });
const registerByIp = new RateLimiterMemory({ keyPrefix: "register_ip", points: 10, duration: 60 * 60 });

export interface Limited {
  retryAfterSeconds: number;
}

async function consume(limiter: RateLimiterMemory, key: string): Promise<Limited | null> {
  try {
    await limiter.consume(key);
    return null;
  } catch (result) {
    if (result instanceof RateLimiterRes) return { retryAfterSeconds: Math.ceil(result.msBeforeNext / 1000) };
    throw result;
  }
}

async function isBlocked(limiter: RateLimiterMemory, key: string): Promise<Limited | null> {
  const res = await limiter.get(key);
  if (res && res.remainingPoints <= 0) return { retryAfterSeconds: Math.ceil(res.msBeforeNext / 1000) };
  return null;
}

export async function checkLoginAllowed(ip: string, email: string): Promise<Limited | null> {
  return (await consume(loginByIp, ip)) ?? (await isBlocked(loginByAccount, email));
}

export async function recordFailedLogin(email: string): Promise<void> {
  await consume(loginByAccount, email);
}

export async function recordSuccessfulLogin(email: string): Promise<void> {
  await loginByAccount.delete(email);
}

export async function checkRegisterAllowed(ip: string): Promise<Limited | null> {
  return consume(registerByIp, ip);
}

/** Public forms that send mail: few real people send more, and each one costs a mail. */
const contactByIp = new RateLimiterMemory({ keyPrefix: "contact_ip", points: Number(process.env.RATE_CONTACT ?? 5), duration: 60 * 60 });
const newsletterByIp = new RateLimiterMemory({ keyPrefix: "newsletter_ip", points: 10, duration: 60 * 60 });

export function checkContactAllowed(ip: string): Promise<Limited | null> {
  return consume(contactByIp, ip);
}

export function checkNewsletterAllowed(ip: string): Promise<Limited | null> {
  return consume(newsletterByIp, ip);
}

/**
 * Per-user limits on writing, configurable through the environment
 * (e.g. RATE_IDEAS=5/3600 means 5 ideas per hour).
 */
function limitFromEnv(name: string, fallback: [number, number]): [number, number] {
  const match = process.env[name]?.match(/^(\d+)\/(\d+)$/);
  return match ? [Number(match[1]), Number(match[2])] : fallback;
}

const userLimits = {
  idea: limitFromEnv("RATE_IDEAS", [5, 60 * 60]),
  comment: limitFromEnv("RATE_COMMENTS", [30, 10 * 60]),
  vote: limitFromEnv("RATE_VOTES", [120, 10 * 60]),
  report: limitFromEnv("RATE_REPORTS", [20, 60 * 60]),
} as const;

export type UserAction = keyof typeof userLimits;

const userLimiters = Object.fromEntries(
  Object.entries(userLimits).map(([action, [points, duration]]) => [
    action,
    new RateLimiterMemory({ keyPrefix: `user_${action}`, points, duration }),
  ]),
) as Record<UserAction, RateLimiterMemory>;

/** Counts one write by the user; returns how long to wait when the limit is reached. */
export function consumeUserAction(userId: string, action: UserAction): Promise<Limited | null> {
  return consume(userLimiters[action], userId);
}

// Reset links: a few per address (silently: the answer must not tell whether the address exists) and per IP.
const resetByIp = new RateLimiterMemory({ keyPrefix: "reset_ip", points: 10, duration: 60 * 60 });
const resetByAccount = new RateLimiterMemory({ keyPrefix: "reset_account", points: 3, duration: 60 * 60 });
// Six digits are guessable without a limit: five wrong codes end the half-signed-in session.
const twoFactorBySession = new RateLimiterMemory({ keyPrefix: "totp_session", points: 4, duration: 15 * 60 });
const twoFactorByUser = new RateLimiterMemory({ keyPrefix: "totp_user", points: 20, duration: 60 * 60 });

export function checkResetAllowed(ip: string): Promise<Limited | null> {
  return consume(resetByIp, ip);
}

/** False once the address has had its share of reset mails this hour. */
export async function resetMailAllowed(email: string): Promise<boolean> {
  return (await consume(resetByAccount, email)) === null;
}

export async function recordWrongCode(sessionId: string, userId: string): Promise<Limited | null> {
  return (await consume(twoFactorBySession, sessionId)) ?? (await consume(twoFactorByUser, userId));
}
