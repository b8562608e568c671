import { Lucia, TimeSpan } from "lucia";
import { DrizzlePostgreSQLAdapter } from "@lucia-auth/adapter-drizzle";
import type { Db } from "../../db/client";
import { sessions, users, type Role, type Locale } from "../../db/schema";

// lucia v3 is no longer maintained upstream; it is used only inside app/auth so it can be replaced here alone.

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  locale: Locale;
  suspendedUntil: Date | null;
  /** Two-factor sign-in is switched on for the account. */
  twoFactor: boolean;
}

function createLucia(db: Db, secure: boolean) {
  // The adapter's types are tied to one drizzle driver; our Db is the driver-neutral PgDatabase.
  const adapter = new DrizzlePostgreSQLAdapter(db as never, sessions as never, users as never);
  return new Lucia(adapter, {
    sessionExpiresIn: new TimeSpan(30, "d"),
    sessionCookie: {
      name: secure ? "__Host-sf_session" : "sf_session",
      expires: true,
      attributes: { secure, sameSite: "lax" },
    },
    getUserAttributes: (a: DatabaseUserAttributes): Omit<SessionUser, "id"> => ({
      email: a.email,
      displayName: a.displayName,
      role: a.role,
      locale: a.locale,
      suspendedUntil: a.suspendedUntil ? new Date(a.suspendedUntil) : null,
      twoFactor: a.totpEnabledAt !== null && a.totpEnabledAt !== undefined,
    }),
  });
}

interface DatabaseUserAttributes {
  email: string;
  displayName: string;
  role: Role;
  locale: Locale;
  suspendedUntil: Date | string | null;
  totpEnabledAt: Date | string | null;
}

export type AppLucia = ReturnType<typeof createLucia>;

declare module "lucia" {
  interface Register {
    Lucia: AppLucia;
    DatabaseUserAttributes: DatabaseUserAttributes;
  }
}

const cache = new WeakMap<Db, Map<boolean, AppLucia>>();

export function getLucia(db: Db, secure: boolean): AppLucia {
  let byMode = cache.get(db);
  if (!byMode) cache.set(db, (byMode = new Map()));
  let lucia = byMode.get(secure);
  if (!lucia) byMode.set(secure, (lucia = createLucia(db, secure)));
  return lucia;
}

export const sessionCookieNames = ["sf_session", "__Host-sf_session"] as const;
