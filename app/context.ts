import type { Database } from "../db/client";
import type { LiveGateway } from "./realtime/events";
import type { RateLimits } from "./auth/rate-limit.server";

export interface AppContext {
  database: Database;
  live: LiveGateway;
  /** Every rate limit (app/auth/rate-limit.server.ts): shared through PostgreSQL when DATABASE_URL is set. */
  rateLimits: RateLimits;
  cspNonce: string;
  /** Whether cookies carry Secure (and the session cookie the __Host- prefix). */
  secureCookies: boolean;
  clientIp: string;
  /** Whether moderators, lab staff and admins must use two-factor sign-in (STAFF_2FA). */
  staffTwoFactor: "required" | "optional";
}

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends AppContext {}
}

declare module "@remix-run/server-runtime" {
  interface Future {
    v3_singleFetch: true;
  }
}
