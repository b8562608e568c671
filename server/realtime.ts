import type { Server as HttpServer } from "node:http";
import { Server as IoServer, type Socket } from "socket.io";
import { and, eq, gt } from "drizzle-orm";
import type { Database } from "../db/client";
import { sessions, users, type Role } from "../db/schema";
import type { LiveEvent, LiveGateway } from "../app/realtime/events";
import { isSameOrigin } from "./origin";

export interface SocketUser {
  id: string;
  role: Role;
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
  const [row] = await database.db
    .select({ id: users.id, role: users.role })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, new Date())));
  return row ?? null;
}

export function createRealtime(httpServer: HttpServer, database: Database, allowedOrigins: string[]) {
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

  io.on("connection", (socket: Socket) => {
    const user = socket.data.user as SocketUser | null;
    if (user) void socket.join(`user:${user.id}`);
  });

  const gateway: LiveGateway = {
    publish(events: LiveEvent[]) {
      for (const event of events) io.to(event.room).emit("live", event);
    },
    disconnectUser(userId: string) {
      io.in(`user:${userId}`).disconnectSockets(true);
    },
  };

  return { io, gateway };
}
