import { redirect, type AppLoadContext } from "@remix-run/node";
import { eq, and, ne } from "drizzle-orm";
import { sessions } from "../../db/schema";
import { getLucia, type SessionUser } from "./lucia.server";
import { can, type Action, type Target } from "./permissions";

export type { SessionUser };

export interface CurrentSession {
  user: SessionUser;
  sessionId: string;
}

const cache = new WeakMap<Request, Promise<CurrentSession | null>>();

function luciaFor(context: AppLoadContext) {
  return getLucia(context.database.db, context.secureCookies);
}

/** The signed-in user of this request, or null. Looked up once per request. */
export function getCurrentSession(request: Request, context: AppLoadContext): Promise<CurrentSession | null> {
  let pending = cache.get(request);
  if (!pending) {
    pending = (async () => {
      const lucia = luciaFor(context);
      const sessionId = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
      if (!sessionId) return null;
      const { session, user } = await lucia.validateSession(sessionId);
      if (!session || !user) return null;
      return { user, sessionId: session.id };
    })();
    cache.set(request, pending);
  }
  return pending;
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

/** Requires a signed-in user who may perform the action; otherwise 403 with a reason. */
export async function requirePermission(
  request: Request,
  context: AppLoadContext,
  action: Action,
  target?: Target,
): Promise<SessionUser> {
  const user = await requireUser(request, context);
  if (!can(user, action, target)) {
    throw new Response("Du har inte behörighet att göra det här.", { status: 403, statusText: "Forbidden" });
  }
  return user;
}

/** Starts a new session (always a new id) and returns its Set-Cookie header. */
export async function startSession(context: AppLoadContext, userId: string): Promise<string> {
  const lucia = luciaFor(context);
  const session = await lucia.createSession(userId, {});
  return lucia.createSessionCookie(session.id).serialize();
}

/** Ends this request's session and returns the Set-Cookie header that clears the cookie. */
export async function endSession(request: Request, context: AppLoadContext): Promise<string> {
  const lucia = luciaFor(context);
  const current = await getCurrentSession(request, context);
  if (current) {
    await lucia.invalidateSession(current.sessionId);
    context.live.disconnectUser(current.user.id);
  }
  return lucia.createBlankSessionCookie().serialize();
}

/** Ends every session of the user except the one given (after a password change). */
export async function endOtherSessions(context: AppLoadContext, userId: string, keepSessionId: string): Promise<void> {
  await context.database.db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)));
  context.live.disconnectUser(userId);
}

export async function requireAnonymous(request: Request, context: AppLoadContext): Promise<void> {
  if (await getUser(request, context)) throw redirect("/konto");
}
