import type { Database } from "../db/client";
import type { LiveGateway } from "./realtime/events";
import type { RateLimits } from "./auth/rate-limit.server";
import type { SessionPolicy } from "./auth/session-policy";
import type { ContactSettings } from "./domain/contact/contact.server";

/** The settings routes read, parsed from the environment once at start-up (server/env.ts). */
export interface AppConfig {
  /** SESSION_IDLE_HOURS, SESSION_MAX_DAYS. */
  session: SessionPolicy;
  /** CONTACT_MIN_FILL_SECONDS, CONTACT_EMAIL. */
  contact: ContactSettings;
}

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
  /** Mail is queued with enqueueMail (app/domain/mail) and sent by the server's mail worker. */
  mail: {
    /** The configured public origin (PUBLIC_URL, or the address the server printed): every link in a mail is on it. */
    publicUrl: string;
    /** Tells this process's mail worker to look at the outbox now; call after the queuing transaction committed. */
    nudge(): void;
  };
  config: AppConfig;
  /**
   * A document request's rendered Markdown, kept out of its loader data (app/http/page-comments.server.ts);
   * null for a data request, whose data carries it.
   */
  documentHtml?: Map<string, string> | null;
  /** Secrets all server processes share. */
  secrets: {
    /** The key forms are signed with: FORM_SECRET, or the one kept in the server_secrets table. */
    form(): Promise<string>;
  };
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
