/**
 * A worker thread holding its share of the fan-out benchmark's socket.io clients (plain JavaScript:
 * worker threads do not inherit the TypeScript loader). Real readers sit on their own machines; one
 * thread reading thousands of sockets in turn would time itself, not the server. Messages from the
 * parent: { collect: commentId } (answer when each socket got that comment, one time per receipt)
 * and "close".
 */
import { parentPort, workerData } from "node:worker_threads";
import { io } from "socket.io-client";

const { base, room, count } = workerData;
const now = () => performance.timeOrigin + performance.now();

/** Per socket: comment id → arrival times (wall clock, ms). */
const arrivals = [];
const sockets = [];

async function connect() {
  for (let start = 0; start < count; start += 100) {
    const batch = Array.from({ length: Math.min(100, count - start) }, () =>
      io(base, { transports: ["websocket"], extraHeaders: { Origin: base }, reconnection: false, forceNew: true }),
    );
    await Promise.all(
      batch.map(async (socket) => {
        const mine = new Map();
        arrivals.push(mine);
        socket.on("live", (event) => {
          if (event.type !== "comment.created") return;
          const at = now();
          const list = mine.get(event.payload.id);
          if (list) list.push(at);
          else mine.set(event.payload.id, [at]);
        });
        await new Promise((resolve, reject) => {
          socket.once("connect", resolve);
          socket.once("connect_error", reject);
        });
        const reply = await socket.timeout(30_000).emitWithAck("subscribe", { room, after: null });
        if (!reply.ok) throw new Error(`subscribe refused: ${JSON.stringify(reply)}`);
      }),
    );
    sockets.push(...batch);
  }
}

parentPort.on("message", (message) => {
  if (message === "close") {
    for (const socket of sockets) socket.disconnect();
    parentPort.postMessage({ closed: true });
    return;
  }
  parentPort.postMessage({ collected: arrivals.map((map) => map.get(message.collect) ?? []) });
});

connect().then(
  () => parentPort.postMessage({ ready: true }),
  (error) => parentPort.postMessage({ error: error.message }),
);
