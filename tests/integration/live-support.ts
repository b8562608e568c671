import { io, type Socket } from "socket.io-client";
import type { LiveEvent, SubscribeReply } from "../../app/realtime/events";
import { recordEvent } from "../../app/domain/live/outbox.server";
import type { Database } from "../../db/client";
import type { RunningServer } from "../../server/start";

/** A Node socket.io client that presents itself as a page of the site (its Origin, and a session cookie). */
export function connectClient(
  baseUrl: string,
  options: { cookie?: string; origin?: string | null; autoConnect?: boolean } = {},
): Socket {
  const headers: Record<string, string> = {};
  const origin = options.origin === undefined ? new URL(baseUrl).origin : options.origin;
  if (origin !== null) headers.Origin = origin;
  if (options.cookie) headers.Cookie = options.cookie;
  return io(baseUrl, {
    transports: ["websocket"],
    extraHeaders: headers,
    reconnection: false,
    forceNew: true,
    autoConnect: options.autoConnect ?? true,
  });
}

export function connected(socket: Socket): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
}

export function subscribe(socket: Socket, room: string, after: number | null = null): Promise<SubscribeReply> {
  return socket.timeout(10_000).emitWithAck("subscribe", { room, after });
}

/** Records events the way a domain write does (in a transaction) and publishes them after commit. */
export async function publishEvents(server: RunningServer, database: Database, room: string, count: number, type = "test.event") {
  const events: LiveEvent[] = [];
  for (let i = 0; i < count; i++) {
    const event = await database.db.transaction((tx) => recordEvent(tx, room, type, { n: i }));
    server.live.publish([event]);
    events.push(event);
  }
  return events;
}

export async function waitFor(check: () => boolean, timeoutMs = 5_000, what = "condition"): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
