import pg from "pg";
import { createRateLimits, type RateLimits, type WriteLimits } from "../app/server-entry";

/**
 * The app's rate limits: counted in PostgreSQL (table rate_limits, made by a migration) when the
 * server runs on a PostgreSQL URL, so all processes on it count together; in memory otherwise.
 * rate-limiter-flexible speaks node-postgres, so this uses a small pg pool of its own
 * (docs/decisions/009-rate-limits-in-postgres.md).
 */
export function openRateLimits(
  databaseUrl: string | undefined,
  writeLimits: WriteLimits,
  onError: (error: Error) => void,
): { limits: RateLimits; close(): Promise<void> } {
  if (!databaseUrl) return { limits: createRateLimits(writeLimits), close: async () => {} };
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4, connectionTimeoutMillis: 5000 });
  pool.on("error", onError);
  return { limits: createRateLimits(writeLimits, { pool }), close: () => pool.end() };
}
