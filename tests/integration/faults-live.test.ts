import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import { io, type Socket } from "socket.io-client";
import { liveMessage, type LiveEvent, type SubscribeReply } from "../../app/realtime/events";
import { startServer, type RunningServer } from "../../server/start";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../support/databases";
import { publishEvents, waitFor } from "./live-support";
import { loadBuild } from "../support/server";

const room = "idea:1";

/** The test database's own URL (its location hides the password), for the adapter's connections. */
function databaseUrl(database: TestDatabase): string | undefined {
  if (database.kind !== "postgres") return undefined;
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = new URL(database.location.replace(/:\*\*\*@/, "@")).pathname;
  return url.toString();
}

/** A client that behaves like the site's: it reconnects by itself and asks for what it missed. */
function reconnectingClient(url: string, seen: number[], onSubscribed: () => void): Socket {
  const socket = io(url, {
    transports: ["websocket"],
    extraHeaders: { Origin: new URL(url).origin },
    forceNew: true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
  });
  const take = (event: LiveEvent) => {
    if (!seen.includes(event.id)) seen.push(event.id);
  };
  socket.on(liveMessage, take);
  socket.on("connect", () => {
    const after = seen.length ? Math.max(...seen) : null;
    void socket
      .timeout(10_000)
      .emitWithAck("subscribe", { room, after })
      .then((reply: SubscribeReply) => {
        if (reply.ok && "events" in reply) reply.events.forEach(take);
        if (reply.ok) onSubscribed();
      });
  });
  return socket;
}

describe.each(databaseKinds)("live clients across a server restart on %s", (kind) => {
  let database: TestDatabase;
  let server: RunningServer;
  let socket: Socket | undefined;

  // On PostgreSQL with the socket.io adapter on (databaseUrl), as production runs: it is closed and attached again.
  const start = async (port: number) =>
    startServer({
      database,
      build: await loadBuild(),
      logger: pino({ level: "silent" }),
      port,
      host: "127.0.0.1",
      databaseUrl: databaseUrl(database),
    });

  beforeAll(async () => {
    database = await createTestDatabase(kind, { seed: true });
    server = await start(0);
  });
  afterAll(async () => {
    socket?.close();
    await server?.close();
    await database?.close();
  });

  it("reconnects by itself and receives every event written while it was away", async () => {
    const seen: number[] = [];
    let connects = 0;
    let subscriptions = 0;
    socket = reconnectingClient(server.url, seen, () => subscriptions++);
    socket.on("connect", () => connects++);
    // Connected is not yet in the room: events published before the subscription is answered go to nobody.
    await waitFor(() => connects === 1 && subscriptions === 1, 10_000, "first subscription");

    const before = await publishEvents(server, database, room, 3, "fault.before");
    await waitFor(() => before.every((e) => seen.includes(e.id)), 5_000, "live events before the restart");

    const port = server.port;
    await server.close();
    await waitFor(() => !socket!.connected, 5_000, "the client noticing");
    // Written while no server ran (as another process would): only the replay can deliver these.
    const missed = await publishEvents(server, database, room, 4, "fault.missed");

    server = await start(port);
    await waitFor(() => connects === 2 && subscriptions === 2, 15_000, "the client reconnecting");
    await waitFor(() => missed.every((e) => seen.includes(e.id)), 5_000, "the missed events");

    const afterwards = await publishEvents(server, database, room, 2, "fault.after");
    await waitFor(() => afterwards.every((e) => seen.includes(e.id)), 5_000, "live events after the restart");
    expect(seen).toEqual([...before, ...missed, ...afterwards].map((e) => e.id));
  }, 60_000);
});
