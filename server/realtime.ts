import { ServerResponse, STATUS_CODES, type IncomingMessage, type Server as HttpServer } from "node:http";
import type { Duplex } from "node:stream";
import { Server as IoServer, type Socket } from "socket.io";
import { parse as parseCookie } from "cookie";
import { and, eq, gt } from "drizzle-orm";
import type { Logger } from "pino";
import type { Database } from "../db/client";
import { sessions, users, type Role } from "../db/schema";
import {
  canListen,
  isPublicRoom,
  isValidRoom,
  type LiveEvent,
  type LiveGateway,
  liveMessage,
  maxRoomsPerSocket,
  mustEnrolTwoFactor,
  revokedMessage,
  serverMessage,
  sessionCutoffs,
  type SessionPolicy,
  staffRooms,
  subscribeBurst,
  subscribeMessage,
  type SubscribeReply,
  subscribesPerSecond,
  unsubscribeMessage,
} from "../app/server-entry";
import { isSameOrigin } from "./origin";
import { replayRoom } from "./live-replay";
import { securityHeadersWithNonce } from "./security-headers";

export interface SocketUser {
  id: string;
  role: Role;
  suspendedUntil: Date | null;
  /** Two-factor sign-in is set up. */
  twoFactor: boolean;
}

const viewerColumns = {
  id: users.id,
  role: users.role,
  suspendedUntil: users.suspendedUntil,
  totpEnabledAt: users.totpEnabledAt,
};

function toSocketUser(row: { id: string; role: Role; suspendedUntil: Date | null; totpEnabledAt: Date | null }): SocketUser {
  return { id: row.id, role: row.role, suspendedUntil: row.suspendedUntil, twoFactor: row.totpEnabledAt !== null };
}

const sessionCookieNames = ["__Host-sf_session", "sf_session"];

/** The session id from a Cookie header; a malformed header or value is no session, never an error. */
export function readSessionId(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  const cookies = parseCookie(cookieHeader);
  for (const name of sessionCookieNames) {
    const value = cookies[name];
    if (value) return value;
  }
  return null;
}

/** Looks the session cookie up the way lucia stores it: the session id is the cookie value. */
async function userFromCookie(
  database: Database,
  session: SessionPolicy,
  cookieHeader: string | undefined,
): Promise<SocketUser | null> {
  const sessionId = readSessionId(cookieHeader);
  if (!sessionId) return null;
  const cutoffs = sessionCutoffs(session);
  const [row] = await database.db
    .select(viewerColumns)
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, sessionId),
        gt(sessions.expiresAt, new Date()),
        // The same idle and absolute limits as the HTTP session check; a half-signed-in session is no one.
        gt(sessions.lastSeenAt, cutoffs.lastSeenAfter),
        gt(sessions.createdAt, cutoffs.createdAfter),
        eq(sessions.pendingTwoFactor, false),
      ),
    );
  return row ? toSocketUser(row) : null;
}

/** The account as it is now, for re-checking the rooms of sockets that are already open. */
async function userById(database: Database, userId: string): Promise<SocketUser | null> {
  const [row] = await database.db.select(viewerColumns).from(users).where(eq(users.id, userId));
  return row ? toSocketUser(row) : null;
}

/**
 * Subscriptions a socket may still ask for: a bucket of `subscribeBurst` that refills by
 * `subscribesPerSecond`. It lives with the socket (one process), so no counter is shared.
 */
class SubscribeBucket {
  private tokens = subscribeBurst;
  private at = Date.now();

  /** null when one more is allowed; otherwise how long until it would be. */
  take(): number | null {
    const now = Date.now();
    this.tokens = Math.min(subscribeBurst, this.tokens + ((now - this.at) / 1000) * subscribesPerSecond);
    this.at = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return null;
    }
    return Math.ceil(((1 - this.tokens) / subscribesPerSecond) * 1000);
  }
}

/** Rooms the socket is in, besides the one socket.io gives every socket (its own id). */
function roomCount(socket: Socket): number {
  return socket.rooms.has(socket.id) ? socket.rooms.size - 1 : socket.rooms.size;
}

function parseRequest(message: unknown): { room: string; after: number | null } | null {
  if (typeof message !== "object" || message === null) return null;
  const { room, after } = message as { room?: unknown; after?: unknown };
  if (!isValidRoom(room)) return null;
  if (after === null || after === undefined) return { room, after: null };
  if (typeof after !== "number" || !Number.isSafeInteger(after) || after < 0) return null;
  return { room, after };
}

/** A whole HTTP answer on a connection that asked for an upgrade: status, the security headers, words. */
function refuseUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  status: number,
  text: string,
  headers: (req: IncomingMessage, res: ServerResponse, next: () => void) => void,
) {
  socket.on("error", () => {});
  const collected = new ServerResponse(req);
  headers(req, collected, () => {
    const body = Buffer.from(text, "utf8");
    const lines = [
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
      "Connection: close",
      "Content-Type: text/plain; charset=utf-8",
      `Content-Length: ${body.length}`,
      ...Object.entries(collected.getHeaders()).map(
        ([name, value]) => `${name}: ${Array.isArray(value) ? value.join(", ") : value}`,
      ),
    ];
    if (socket.writable) socket.end(Buffer.concat([Buffer.from(`${lines.join("\r\n")}\r\n\r\n`), body]));
    setTimeout(() => socket.destroy(), 1000).unref();
  });
}

export interface RealtimeOptions {
  allowedOrigins: string[];
  /** HTTPS: the socket.io answers carry HSTS like the pages. */
  secureCookies: boolean;
  /** STAFF_2FA: staff without two-factor sign-in stay out of the staff rooms while it is required. */
  staffTwoFactor: "required" | "optional";
  /** SESSION_IDLE_HOURS, SESSION_MAX_DAYS: the same limits as the HTTP session check. */
  session: SessionPolicy;
  logger?: Logger;
}

export function createRealtime(
  httpServer: HttpServer,
  database: Database,
  { allowedOrigins, secureCookies, staffTwoFactor, session, logger }: RealtimeOptions,
) {
  const io = new IoServer(httpServer, {
    serveClient: false,
    allowRequest: (req, callback) => {
      const ok = isSameOrigin(req, allowedOrigins);
      callback(ok ? null : "Främmande ursprung", ok);
    },
  });
  // Every answer on the socket.io path (polling, handshake errors, the WebSocket upgrade) gets the
  // pages' security headers. The engine runs its middlewares before it checks a request.
  const headers = securityHeadersWithNonce({ secureCookies });
  io.engine.use(headers);
  // engine.io writes its refusal of a WebSocket upgrade straight to the connection, as a bare 400
  // without these headers. A foreign origin's upgrade is refused here first, with them; engine.io
  // then finds the connection closed and writes nothing.
  httpServer.prependListener("upgrade", (req: IncomingMessage, socket: Duplex) => {
    if (!req.url?.startsWith("/socket.io/") || isSameOrigin(req, allowedOrigins)) return;
    refuseUpgrade(req, socket, 403, serverMessage(req.headers.cookie, "refusal.foreignOrigin"), headers);
  });

  /** May this account, as it is now, hear this room? */
  function mayListen(viewer: SocketUser | null, room: string): boolean {
    if (!canListen(viewer, room)) return false;
    // The same rule as the staff pages: staff powers wait until two-factor sign-in is set up.
    const staffRoom = !isPublicRoom(room) && !room.startsWith("user:");
    return !(staffRoom && viewer && mustEnrolTwoFactor(viewer, staffTwoFactor));
  }

  io.use(async (socket, next) => {
    try {
      socket.data.user = await userFromCookie(database, session, socket.request.headers.cookie);
      next();
    } catch (error) {
      next(error as Error);
    }
  });

  /** Join first, then replay: whatever commits meanwhile arrives live, and the client drops duplicates. */
  async function subscribe(socket: Socket, bucket: SubscribeBucket, message: unknown): Promise<SubscribeReply> {
    const request = parseRequest(message);
    if (!request) return { ok: false, error: "invalid" };
    // Both limits come before any database work: a flood costs the database nothing.
    const wait = bucket.take();
    if (wait !== null) return { ok: false, error: "rate_limited", retryAfterMs: wait };
    const tooMany = () => !socket.rooms.has(request.room) && roomCount(socket) >= maxRoomsPerSocket;
    if (tooMany()) return { ok: false, error: "too_many_rooms", limit: maxRoomsPerSocket };
    if (isPublicRoom(request.room)) {
      await socket.join(request.room);
      return replayRoom(database, request.room, request.after);
    }
    // Private rooms re-check the session: a role or session may have changed since the socket connected.
    const viewer = await userFromCookie(database, session, socket.handshake.headers.cookie);
    if (!viewer || !mayListen(viewer, request.room)) return { ok: false, error: "forbidden" };
    if (!socket.connected) return { ok: false, error: "unavailable" };
    if (tooMany()) return { ok: false, error: "too_many_rooms", limit: maxRoomsPerSocket };
    await socket.join(request.room);
    // A role change that commits while the check above runs has its refresh (refreshUser) run before
    // this join and miss the socket; so a staff room is checked once more, now that the socket is in it.
    if (request.room !== `user:${viewer.id}`) {
      const now = await userFromCookie(database, session, socket.handshake.headers.cookie);
      if (!mayListen(now, request.room)) {
        await socket.leave(request.room);
        return { ok: false, error: "forbidden" };
      }
    }
    return replayRoom(database, request.room, request.after);
  }

  io.on("connection", (socket: Socket) => {
    // The upgrade request (with its socket and parser) would otherwise live as long as the connection;
    // the headers the subscribe check needs are kept in socket.handshake (docs/performance.md).
    (socket.conn as unknown as { request: unknown }).request = null;
    const user = socket.data.user as SocketUser | null;
    // Every signed-in socket sits in its user room, so logout can reach it on any process.
    if (user) void socket.join(`user:${user.id}`);

    const bucket = new SubscribeBucket();
    socket.on(subscribeMessage, (message: unknown, ack: unknown) => {
      if (typeof ack !== "function") return;
      subscribe(socket, bucket, message).then(
        (reply) => ack(reply),
        (error: unknown) => {
          logger?.error({ err: error }, "live subscribe failed");
          ack({ ok: false, error: "unavailable" } satisfies SubscribeReply);
        },
      );
    });

    socket.on(unsubscribeMessage, (room: unknown) => {
      if (typeof room !== "string" || !isValidRoom(room)) return;
      if (user && room === `user:${user.id}`) return;
      void socket.leave(room);
    });
  });

  const gateway: LiveGateway = {
    publish(events: LiveEvent[]) {
      for (const event of events) io.to(event.room).emit(liveMessage, event);
    },
    disconnectUser(userId: string) {
      io.in(`user:${userId}`).disconnectSockets(true);
    },
    async refreshUser(userId: string) {
      const userRoom = `user:${userId}`;
      try {
        const user = await userById(database, userId);
        for (const room of staffRooms) {
          if (user && mayListen(user, room)) continue;
          // Through the adapter, these reach the user's sockets on every process.
          io.in(userRoom).socketsLeave(room);
          io.to(userRoom).emit(revokedMessage, { room });
        }
      } catch (error) {
        // Unsure what the account may hear now: close its sockets; they come back through the full check.
        logger?.warn({ err: error }, "re-checking a user's live rooms failed; closing their sockets");
        io.in(userRoom).disconnectSockets(true);
      }
    },
  };

  return { io, gateway };
}
