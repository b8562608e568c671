import { redirect, type AppLoadContext } from "@remix-run/node";
import { eq, and, ne } from "drizzle-orm";
import { sessions } from "../../db/schema";
import { getLucia, type SessionUser } from "./lucia.server";
import { can, isResidentAction, mustEnrolTwoFactor as staffMustEnrol, type Action, type Target } from "./permissions";
import { sessionIsCurrent, touchIntervalMs } from "./session-policy";
import { forbidden } from "../http/responses.server";
import { getLiveCursor, shareLiveCursor } from "../domain/live/outbox.server";

export type { SessionUser };

export interface CurrentSession {
  user: SessionUser;
  sessionId: string;
}

interface SessionState {
  session: CurrentSession;
  pendingTwoFactor: boolean;
  /** Unread notifications when the session was read. */
  unread: number;
}

// Remix hands each loader of a page its own copy of the request, so a cache on the request alone
// would read the session once per loader. GET and HEAD share one read through the load context
// (one per HTTP request, made by getLoadContext); an action's request is never shared that way, so
// the loaders that run after it in the same request read the session as the action left it.
const cache = new WeakMap<object, { cookie: string; state: Promise<SessionState | null> }>();

function cacheKey(request: Request, context: AppLoadContext): object {
  return request.method === "GET" || request.method === "HEAD" ? context : request;
}

function luciaFor(context: AppLoadContext) {
  return getLucia(context.database.db, context.secureCookies);
}

/** The session behind the cookie, after the idle and absolute limits; an expired one is deleted. */
function readSession(request: Request, context: AppLoadContext): Promise<SessionState | null> {
  const key = cacheKey(request, context);
  const cookie = request.headers.get("Cookie") ?? "";
  const cached = cache.get(key);
  if (cached && cached.cookie === cookie) return cached.state;
  const state = lookUpSession(context, cookie);
  cache.set(key, { cookie, state });
  return state;
}

async function lookUpSession(context: AppLoadContext, cookie: string): Promise<SessionState | null> {
  const lucia = luciaFor(context);
  const sessionId = lucia.readSessionCookie(cookie);
  if (!sessionId) return null;
  // One statement: the session, its user, the unread count and the live cursor (ForumSessionAdapter).
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session || !user) return null;
  const { createdAt, lastSeenAt, pendingTwoFactor, unread, liveCursor } = session;
  if (!createdAt || !lastSeenAt) return null;
  const now = new Date();
  if (!sessionIsCurrent(context.config.session, { createdAt, lastSeenAt }, now)) {
    await lucia.invalidateSession(session.id);
    return null;
  }
  if (now.getTime() - lastSeenAt.getTime() > touchIntervalMs) {
    await context.database.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, session.id));
  }
  // Read with the session, before any of the page's data: the page's loaders need not read it again.
  if (liveCursor !== undefined) shareLiveCursor(context, `user:${user.id}`, liveCursor);
  return { session: { user, sessionId: session.id }, pendingTwoFactor: pendingTwoFactor ?? false, unread: unread ?? 0 };
}

/** The signed-in user of this request, or null. Looked up once per request. */
export async function getCurrentSession(request: Request, context: AppLoadContext): Promise<CurrentSession | null> {
  const state = await readSession(request, context);
  return state && !state.pendingTwoFactor ? state.session : null;
}

/**
 * The signed-in user (or null) and the live cursor of `room`, both before any of the page's data, as
 * the live guarantee needs (getLiveCursor). The two reads run side by side.
 */
export async function getUserAndLiveCursor(
  request: Request,
  context: AppLoadContext,
  room: string,
): Promise<{ user: SessionUser | null; liveCursor: number }> {
  const [user, liveCursor] = await Promise.all([getUser(request, context), getLiveCursor(context.database.db, room, context)]);
  return { user, liveCursor };
}

/** The header's notification badge of the signed-in user, read with the session. */
export async function getNotificationBadge(
  request: Request,
  context: AppLoadContext,
): Promise<{ unread: number; liveCursor: number } | null> {
  const state = await readSession(request, context);
  if (!state || state.pendingTwoFactor) return null;
  const room = `user:${state.session.user.id}`;
  return { unread: state.unread, liveCursor: await getLiveCursor(context.database.db, room, context) };
}

/** A session whose password step succeeded and which waits for the second factor. */
export async function getPendingTwoFactor(request: Request, context: AppLoadContext): Promise<CurrentSession | null> {
  const state = await readSession(request, context);
  return state?.pendingTwoFactor ? state.session : null;
}

export async function getUser(request: Request, context: AppLoadContext): Promise<SessionUser | null> {
  return (await getCurrentSession(request, context))?.user ?? null;
}

function loginRedirect(request: Request): Response {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  return redirect(`/logga-in?redirectTo=${encodeURIComponent(back)}`);
}

/** The signed-in user; a visitor is sent to the login page and comes back afterwards. */
export async function requireUser(request: Request, context: AppLoadContext): Promise<SessionUser> {
  const user = await getUser(request, context);
  if (!user) throw loginRedirect(request);
  return user;
}

/** Staff who must use two-factor sign-in (STAFF_2FA=required) and have not enrolled yet. */
export function mustEnrolTwoFactor(user: SessionUser, context: AppLoadContext): boolean {
  return staffMustEnrol(user, context.staffTwoFactor);
}

export const twoFactorPath = "/konto/tvastegs";

/** Requires a signed-in user who may perform the action; otherwise 403 with a reason. */
export async function requirePermission(
  request: Request,
  context: AppLoadContext,
  action: Action,
  target?: Target,
): Promise<SessionUser> {
  const user = await requireUser(request, context);
  if (!can(user, action, target)) {
    throw forbidden(request);
  }
  // Staff powers wait until the second factor is set up; the account itself stays usable.
  if (!isResidentAction(action) && mustEnrolTwoFactor(user, context)) throw redirect(`${twoFactorPath}?krav=1`);
  return user;
}

/** Starts a new session (always a new id) and returns its Set-Cookie header. */
export async function startSession(
  context: AppLoadContext,
  userId: string,
  options: { pendingTwoFactor?: boolean } = {},
): Promise<string> {
  const lucia = luciaFor(context);
  const session = await lucia.createSession(userId, {});
  if (options.pendingTwoFactor) {
    await context.database.db.update(sessions).set({ pendingTwoFactor: true }).where(eq(sessions.id, session.id));
  }
  return lucia.createSessionCookie(session.id).serialize();
}

/** Replaces a session waiting for its second factor with a full one (a new id). */
export async function completeTwoFactor(context: AppLoadContext, pending: CurrentSession): Promise<string> {
  await luciaFor(context).invalidateSession(pending.sessionId);
  return startSession(context, pending.user.id);
}

export function blankSessionCookie(context: AppLoadContext): string {
  return luciaFor(context).createBlankSessionCookie().serialize();
}

/** Ends this request's session and returns the Set-Cookie header that clears the cookie. */
export async function endSession(request: Request, context: AppLoadContext): Promise<string> {
  const lucia = luciaFor(context);
  const state = await readSession(request, context);
  if (state) {
    await lucia.invalidateSession(state.session.sessionId);
    if (!state.pendingTwoFactor) context.live.disconnectUser(state.session.user.id);
  }
  return lucia.createBlankSessionCookie().serialize();
}

/** Ends every session of the user except the one given (after a password change). */
export async function endOtherSessions(context: AppLoadContext, userId: string, keepSessionId: string): Promise<void> {
  await context.database.db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)));
  context.live.disconnectUser(userId);
}

/** Ends every session and live connection of the user ("log out everywhere", reset, deletion). */
export async function endAllSessions(context: AppLoadContext, userId: string): Promise<void> {
  await context.database.db.delete(sessions).where(eq(sessions.userId, userId));
  context.live.disconnectUser(userId);
}

export async function requireAnonymous(request: Request, context: AppLoadContext): Promise<void> {
  if (await getUser(request, context)) throw redirect("/konto");
}
