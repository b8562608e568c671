import type { Server as HttpServer } from "node:http";
import { Server as IoServer, type Socket } from "socket.io";
import { and, eq, gt } from "drizzle-orm";
import type { Logger } from "pino";
import type { Database } from "../db/client";
import { sessions, users, type Role } from "../db/schema";
import {
  canListen,
  isPublicRoom,
  isValidRoom,
  liveMessage,
  subscribeMessage,
  unsubscribeMessage,
  type LiveEvent,
  type LiveGateway,
  type SubscribeReply,
} from "../app/realtime/events";
import { sessionCutoffs } from "../app/auth/session-policy";
import { mustEnrolTwoFactor } from "../app/auth/permissions";
import { isSameOrigin } from "./origin";
import { replayRoom } from "./live-replay";

export interface SocketUser {
  id: string;
  role: Role;
  /** Two-factor sign-in is set up. */
  twoFactor: boolean;
}

const sessionCookieNames = ["__Host-sf_session", "sf_session"];

function readSessionId(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (sessionCookieNames.includes(name)) return decodeURIComponent(rest.join("="));
  }
  return null;
}

/** Looks the session cookie up the way lucia stores it: the session id is the cookie value. */
async function userFromCookie(database: Database, cookieHeader: string | undefined): Promise<SocketUser | null> {
  const sessionId = readSessionId(cookieHeader);
  if (!sessionId) return null;
  const cutoffs = sessionCutoffs();
  const [row] = await database.db
    .select({ id: users.id, role: users.role, totpEnabledAt: users.totpEnabledAt })
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
  return row ? { id: row.id, role: row.role, twoFactor: row.totpEnabledAt !== null } : null;
}

function parseRequest(message: unknown): { room: string; after: number | null } | null {
  if (typeof message !== "object" || message === null) return null;
  const { room, after } = message as { room?: unknown; after?: unknown };
  if (!isValidRoom(room)) return null;
  if (after === null || after === undefined) return { room, after: null };
  if (typeof after !== "number" || !Number.isSafeInteger(after) || after < 0) return null;
  return { room, after };
}

export interface RealtimeOptions {
  allowedOrigins: string[];
  /** STAFF_2FA: staff without two-factor sign-in stay out of the staff rooms while it is required. */
  staffTwoFactor: "required" | "optional";
  logger?: Logger;
}

export function createRealtime(httpServer: HttpServer, database: Database, { allowedOrigins, staffTwoFactor, logger }: RealtimeOptions) {
  const io = new IoServer(httpServer, {
    serveClient: false,
    allowRequest: (req, callback) => {
      const ok = isSameOrigin(req, allowedOrigins);
      callback(ok ? null : "Främmande ursprung", ok);
    },
  });

  io.use(async (socket, next) => {
    try {
      socket.data.user = await userFromCookie(database, socket.request.headers.cookie);
      next();
    } catch (error) {
      next(error as Error);
    }
  });

  /** Join first, then replay: whatever commits meanwhile arrives live, and the client drops duplicates. */
  async function subscribe(socket: Socket, message: unknown): Promise<SubscribeReply> {
    const request = parseRequest(message);
    if (!request) return { ok: false, error: "invalid" };
    // Private rooms re-check the session: a role or session may have changed since the socket connected.
    const viewer = isPublicRoom(request.room)
      ? (socket.data.user as SocketUser | null)
      : await userFromCookie(database, socket.handshake.headers.cookie);
    if (!canListen(viewer, request.room)) return { ok: false, error: "forbidden" };
    // The same rule as the staff pages: staff powers wait until two-factor sign-in is set up.
    const staffRoom = !isPublicRoom(request.room) && !request.room.startsWith("user:");
    if (staffRoom && viewer && mustEnrolTwoFactor(viewer, staffTwoFactor)) {
      return { ok: false, error: "forbidden" };
    }
    await socket.join(request.room);
    return replayRoom(database, request.room, request.after);
  }

  io.on("connection", (socket: Socket) => {
    // The upgrade request (with its socket and parser) would otherwise live as long as the connection;
    // the headers the subscribe check needs are kept in socket.handshake (docs/performance.md).
    (socket.conn as unknown as { request: unknown }).request = null;
    const user = socket.data.user as SocketUser | null;
    // Every signed-in socket sits in its user room, so logout can reach it on any process.
    if (user) void socket.join(`user:${user.id}`);

    socket.on(subscribeMessage, (message: unknown, ack: unknown) => {
      if (typeof ack !== "function") return;
      subscribe(socket, message).then(
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
  };

  return { io, gateway };
}
