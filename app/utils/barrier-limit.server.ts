import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

// Reports come from visitors too, so the key is the account when there is one and the address otherwise.
const match = process.env.RATE_BARRIERS?.match(/^(\d+)\/(\d+)$/);
const limiter = new RateLimiterMemory({
  keyPrefix: "barrier",
  points: match ? Number(match[1]) : 5,
  duration: match ? Number(match[2]) : 60 * 60,
});

/** Counts one report; returns the minutes to wait when the limit is reached. */
export async function consumeBarrierReport(key: string): Promise<number | null> {
  try {
    await limiter.consume(key);
    return null;
  } catch (result) {
    if (result instanceof RateLimiterRes) return Math.max(1, Math.ceil(result.msBeforeNext / 60_000));
    throw result;
  }
}
