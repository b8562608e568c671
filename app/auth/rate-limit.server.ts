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
