/**
 * Live event types and the subscription protocol, shared by the server, the routes and the
 * browser. No dependencies.
 *
 * Every event is also a row in live_events (the outbox). An event's id is its place in its room
 * (1, 2, 3, … without gaps), handed out so that within a room a higher id is always a later commit;
 * a room's highest committed id is its cursor: "everything of this room up to here is reflected in
 * what I loaded". Ids of different rooms are not comparable.
 *
 * The rule for public rooms (`challenge:N`, `idea:N`, `project:N`): anyone, signed in or not,
 * may listen, so a payload there may only carry what the public page shows. Never record an
 * event about hidden content (or its text) in a public room, nor private data (e-mail, reports,
 * who reported). A moderator hiding a comment records `comment.deleted` (id only) in the idea
 * room and the details in `moderation`; a user's own things go to `user:<id>`.
 */
export type Room = `challenge:${number}` | `idea:${number}` | `project:${number}` | `user:${string}` | "moderation" | "lab";

export interface LiveEvent<P = unknown> {
  id: number;
  room: string;
  type: string;
  payload: P;
  /**
   * The id of the room's previous event (id − 1; null for the first). A client that has not seen
   * `prev` has missed something and catches up before applying this one.
   */
  prev?: number | null;
}

/** What routes may ask of the server's socket.io side, through getLoadContext. */
export interface LiveGateway {
  /** Broadcast events that are already committed to the outbox. */
  publish(events: LiveEvent[]): void;
  /** Close every socket of a user (logout, password change, suspension). */
  disconnectUser(userId: string): void;
  /**
   * Re-checks the user's staff rooms against their account as it is now (after a role change or a
   * suspension): every socket of theirs, on every process, leaves the rooms they may no longer hear
   * and is told so with `revokedMessage`.
   */
  refreshUser(userId: string): Promise<void>;
}

/** Client → server, with an acknowledgement: "join this room and send what I missed". */
export const subscribeMessage = "subscribe";
export const unsubscribeMessage = "unsubscribe";
/** Server → client: one event, broadcast to its room. */
export const liveMessage = "live";
/** Server → client: `{ room }`, the socket was taken out of a room it may no longer hear (a role change, a suspension). */
export const revokedMessage = "revoked";

/** The most rooms one socket may be in at once (its own user room included). */
export const maxRoomsPerSocket = 32;
/** Subscriptions one socket may ask for in a burst, and how many more each second after that. */
export const subscribeBurst = 40;
export const subscribesPerSecond = 5;

export interface SubscribeRequest {
  room: string;
  /** The last event id the client has reflected; null when it has no baseline yet. */
  after: number | null;
}

export type SubscribeReply =
  /** Every event of the room after `after`, in order; the client may then treat `cursor` as seen. */
  | { ok: true; events: LiveEvent[]; cursor: number }
  /** What the client had is older than what is kept: reload the page's data, then continue from `cursor`. */
  | { ok: true; reset: true; cursor: number }
  | { ok: false; error: "forbidden" | "invalid" | "unavailable" }
  /** The socket already holds `limit` rooms: unsubscribe from one first. */
  | { ok: false; error: "too_many_rooms"; limit: number }
  /** Too many subscriptions in a short time: ask again after `retryAfterMs`. */
  | { ok: false; error: "rate_limited"; retryAfterMs: number };

export interface RoomViewer {
  id: string;
  role: string;
  /** A suspended account keeps its own room but no staff room. */
  suspendedUntil?: Date | null;
}

/** The rooms that go with a role, as opposed to public rooms and a user's own room. */
export const staffRooms = ["moderation", "lab"] as const;

export function isPublicRoom(room: string): boolean {
  return /^(challenge|idea|project):\d{1,15}$/.test(room);
}

export function isValidRoom(room: unknown): room is Room {
  return (
    typeof room === "string" &&
    (isPublicRoom(room) || room === "moderation" || room === "lab" || /^user:[a-z0-9]{1,64}$/.test(room))
  );
}

/** Who may listen to a room. Mirrors "moderation.queue" and "lab.queue" in app/auth/permissions.ts. */
export function canListen(viewer: RoomViewer | null, room: string, now = new Date()): boolean {
  if (isPublicRoom(room)) return true;
  if (!viewer) return false;
  const suspended = viewer.suspendedUntil != null && viewer.suspendedUntil.getTime() > now.getTime();
  if (suspended && (staffRooms as readonly string[]).includes(room)) return false;
  if (room === "moderation") return viewer.role === "moderator" || viewer.role === "admin";
  if (room === "lab") return viewer.role === "lab_staff" || viewer.role === "admin";
  return room === `user:${viewer.id}`;
}
