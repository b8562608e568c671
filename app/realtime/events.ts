/**
 * Live event types shared by the server, the routes and the browser. No dependencies.
 * Every event is also a row in live_events (the outbox), so its id orders it within its room.
 */
export type Room =
  | `challenge:${number}`
  | `idea:${number}`
  | `project:${number}`
  | `user:${string}`
  | "moderation"
  | "lab";

export interface LiveEvent<P = unknown> {
  id: number;
  room: string;
  type: string;
  payload: P;
}

/** What routes may ask of the server's socket.io side, through getLoadContext. */
export interface LiveGateway {
  /** Broadcast events that are already committed to the outbox. */
  publish(events: LiveEvent[]): void;
  /** Close every socket of a user (logout, password change, suspension). */
  disconnectUser(userId: string): void;
}

export function isPublicRoom(room: string): boolean {
  return /^(challenge|idea|project):\d+$/.test(room);
}
