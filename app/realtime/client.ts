import type { Socket } from "socket.io-client";
import { liveMessage, revokedMessage, subscribeMessage, unsubscribeMessage, type LiveEvent, type SubscribeReply } from "./events";

/** Where the last seen id per room survives a reload of the tab (sessionStorage in the browser). */
export interface CursorStore {
  get(room: string): number | null;
  set(room: string, id: number): void;
}

export interface WatchOptions {
  /** The cursor the page's data was loaded at (getLiveCursor in the loader); older is safe, newer loses events. */
  after?: number | null;
  onEvent(event: LiveEvent): void;
  /** The client was away longer than events are kept: reload the page's data. */
  onReset?(): void;
  onRefused?(error: string): void;
}

interface RoomState {
  room: string;
  lastSeen: number | null;
  watchers: Set<WatchOptions>;
  /** Live events that arrived while a catch-up was under way or after a gap. */
  pending: LiveEvent[];
  syncing: boolean;
  /** Bumped on every disconnect, so an acknowledgement from an old connection is ignored. */
  generation: number;
}

const ackTimeoutMs = 10_000;

/**
 * One socket's subscriptions. Delivers each event of a room exactly once and in id order: on every
 * (re)connect it asks for everything after the last id it saw, drops ids it already has, and when
 * a live event's `prev` shows that one was missed, it holds it back and catches up first.
 */
export class LiveConnection {
  private rooms = new Map<string, RoomState>();
  private generation = 0;
  /** Called once every room has caught up after a (re)connect (at once when none is watched). */
  onCaughtUp?: () => void;
  private catchingUp = false;

  constructor(
    private readonly socket: Socket,
    private readonly store?: CursorStore,
  ) {
    socket.on("connect", () => {
      this.catchingUp = true;
      for (const state of this.rooms.values()) this.sync(state);
      this.checkCaughtUp();
    });
    socket.on("disconnect", () => {
      this.generation += 1;
      for (const state of this.rooms.values()) state.syncing = false;
    });
    socket.on(liveMessage, (event: LiveEvent) => this.receive(event));
    // The server took this socket out of a room (a role change, a suspension): stop asking for it.
    socket.on(revokedMessage, (message: { room?: unknown }) => {
      const state = typeof message?.room === "string" ? this.rooms.get(message.room) : undefined;
      if (!state) return;
      this.rooms.delete(state.room);
      for (const watcher of state.watchers) watcher.onRefused?.("forbidden");
    });
  }

  /** Starts listening to a room; the returned function stops. */
  watch(room: string, options: WatchOptions): () => void {
    let state = this.rooms.get(room);
    if (!state) {
      const candidates = [options.after, this.store?.get(room)].filter((n): n is number => typeof n === "number");
      state = {
        room,
        lastSeen: candidates.length ? Math.max(...candidates) : null,
        watchers: new Set(),
        pending: [],
        syncing: false,
        generation: this.generation,
      };
      this.rooms.set(room, state);
      if (this.socket.connected) this.sync(state);
    }
    state.watchers.add(options);
    const watched = state;
    return () => {
      watched.watchers.delete(options);
      if (watched.watchers.size === 0 && this.rooms.get(room) === watched) {
        this.rooms.delete(room);
        if (this.socket.connected) this.socket.emit(unsubscribeMessage, room);
      }
    };
  }

  lastSeen(room: string): number | null {
    return this.rooms.get(room)?.lastSeen ?? null;
  }

  private sync(state: RoomState) {
    if (state.syncing || !this.socket.connected) return;
    state.syncing = true;
    const generation = this.generation;
    this.socket
      .timeout(ackTimeoutMs)
      .emit(subscribeMessage, { room: state.room, after: state.lastSeen }, (error: Error | null, reply: SubscribeReply) => {
        if (generation !== this.generation || this.rooms.get(state.room) !== state) return;
        state.syncing = false;
        if (error) return this.sync(state);
        if (!reply.ok) {
          // Asked too often (many rooms at once after a reconnect): ask again when the server says.
          if (reply.error === "rate_limited") {
            setTimeout(() => {
              if (this.rooms.get(state.room) === state && generation === this.generation) this.sync(state);
            }, reply.retryAfterMs);
            return;
          }
          for (const watcher of state.watchers) watcher.onRefused?.(reply.error);
          return;
        }
        if ("reset" in reply) {
          // The room's count is the truth now, even below what the client had (another database's).
          state.lastSeen = reply.cursor;
          this.store?.set(state.room, reply.cursor);
          for (const watcher of state.watchers) watcher.onReset?.();
        } else {
          for (const event of reply.events) this.deliver(state, event);
          this.advance(state, reply.cursor);
        }
        // Written even when unchanged: it also marks the room as caught up.
        if (state.lastSeen !== null) this.store?.set(state.room, state.lastSeen);
        this.flush(state);
        this.checkCaughtUp();
      });
  }

  private checkCaughtUp() {
    if (!this.catchingUp || !this.socket.connected) return;
    for (const state of this.rooms.values()) if (state.syncing) return;
    this.catchingUp = false;
    this.onCaughtUp?.();
  }

  private receive(event: LiveEvent) {
    const state = this.rooms.get(event.room);
    if (!state) return;
    if (state.syncing || state.lastSeen === null) state.pending.push(event);
    else this.accept(state, event);
  }

  private accept(state: RoomState, event: LiveEvent) {
    const lastSeen = state.lastSeen ?? 0;
    if (event.id <= lastSeen) return;
    if (typeof event.prev === "number" && event.prev > lastSeen) {
      state.pending.push(event);
      this.sync(state);
      return;
    }
    this.deliver(state, event);
  }

  private flush(state: RoomState) {
    const waiting = state.pending.sort((a, b) => a.id - b.id);
    state.pending = [];
    for (const event of waiting) {
      if (state.syncing) state.pending.push(event);
      else this.accept(state, event);
    }
  }

  private deliver(state: RoomState, event: LiveEvent) {
    if (state.lastSeen !== null && event.id <= state.lastSeen) return;
    this.advance(state, event.id);
    for (const watcher of state.watchers) watcher.onEvent(event);
  }

  private advance(state: RoomState, id: number) {
    if (state.lastSeen !== null && id <= state.lastSeen) return;
    state.lastSeen = id;
    this.store?.set(state.room, id);
  }
}

/** The tab's last seen ids, kept across reloads but not across tabs. */
export function sessionCursorStore(): CursorStore | undefined {
  try {
    const storage = window.sessionStorage;
    // Ids count each room's events; "sf-live:" held the ids of the earlier, forum-wide count.
    const key = (room: string) => `sf-room:${room}`;
    return {
      get: (room) => {
        const value = Number(storage.getItem(key(room)));
        return Number.isSafeInteger(value) && value > 0 ? value : null;
      },
      set: (room, id) => storage.setItem(key(room), String(id)),
    };
  } catch {
    return undefined;
  }
}
