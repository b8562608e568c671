import { Lucia, TimeSpan, type DatabaseSession, type DatabaseUser } from "lucia";
import { DrizzlePostgreSQLAdapter } from "@lucia-auth/adapter-drizzle";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { sessions, users, type Role, type Locale } from "../../db/schema";
import { unreadCount } from "../domain/notifications/notifications.server";
import { liveCursorOf } from "../domain/live/outbox.server";

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

/**
 * What every signed-in page needs besides the user, read in the same statement as the session: the
 * session's own limits, the unread notifications (the header's badge) and the live cursor of the
 * user's own room (its last event committed when the page's data was read; see getLiveCursor).
 */
export interface SessionFacts {
  createdAt: Date;
  lastSeenAt: Date;
  pendingTwoFactor: boolean;
  unread: number;
  liveCursor: number;
}

/** The session, its user and the page facts: one prepared statement, per database handle. */
function prepareSessionRead(db: Db) {
  return db
    .select({
      id: sessions.id,
      userId: sessions.userId,
      expiresAt: sessions.expiresAt,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      pendingTwoFactor: sessions.pendingTwoFactor,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      locale: users.locale,
      suspendedUntil: users.suspendedUntil,
      totpEnabledAt: users.totpEnabledAt,
      unread: unreadCount(users.id),
      liveCursor: liveCursorOf(sql`'user:' || ${users.id}`),
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder("id")))
    .prepare("session_read");
}

/** lucia's drizzle adapter, with the one read every signed-in request makes done in one statement. */
class ForumSessionAdapter extends DrizzlePostgreSQLAdapter {
  private readonly read: ReturnType<typeof prepareSessionRead>;

  constructor(db: Db) {
    // The adapter's types are tied to one drizzle driver; our Db is the driver-neutral PgDatabase.
    super(db as never, sessions as never, users as never);
    this.read = prepareSessionRead(db);
  }

  override async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const [row] = await this.read.execute({ id: sessionId });
    if (!row) return [null, null];
    const { id, userId, expiresAt, email, displayName, role, locale, suspendedUntil, totpEnabledAt, ...facts } = row;
    const session: DatabaseSession = {
      id,
      userId,
      expiresAt,
      attributes: { ...facts, liveCursor: Number(facts.liveCursor) },
    };
    return [session, { id: userId, attributes: { email, displayName, role, locale, suspendedUntil, totpEnabledAt } }];
  }
}

function createLucia(db: Db, secure: boolean) {
  const adapter = new ForumSessionAdapter(db);
  return new Lucia(adapter, {
    sessionExpiresIn: new TimeSpan(30, "d"),
    sessionCookie: {
      name: secure ? "__Host-sf_session" : "sf_session",
      expires: true,
      attributes: { secure, sameSite: "lax" },
    },
    // Only a read fills these (ForumSessionAdapter); a new session's row takes the columns' defaults.
    getSessionAttributes: (a: DatabaseSessionAttributes): Partial<SessionFacts> => a,
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

type DatabaseSessionAttributes = Partial<SessionFacts>;

declare module "lucia" {
  interface Register {
    Lucia: AppLucia;
    DatabaseUserAttributes: DatabaseUserAttributes;
    DatabaseSessionAttributes: DatabaseSessionAttributes;
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
