import { useCallback, useEffect, useRef, useState } from "react";
import { useRevalidator } from "@remix-run/react";
import type { LiveEvent } from "./events";
import { useLive } from "./LiveProvider";

export interface LiveRoomOptions {
  /** The cursor the page's data was loaded at (getLiveCursor, read first in the loader). */
  after?: number | null;
  /** Called when the client was away too long to catch up; by default the page's data is reloaded. */
  onReset?: () => void;
}

/**
 * Calls onEvent for each event of a room, exactly once and in order, including those that happened
 * while the socket was away. onEvent may change between renders; the latest one is used.
 */
export function useLiveRoom(room: string | null, onEvent: (event: LiveEvent) => void, options: LiveRoomOptions = {}) {
  const { connection } = useLive();
  const revalidator = useRevalidator();
  const handlers = useRef({ onEvent, onReset: options.onReset, revalidate: revalidator.revalidate });
  handlers.current = { onEvent, onReset: options.onReset, revalidate: revalidator.revalidate };
  const after = options.after;

  useEffect(() => {
    if (!connection || !room) return;
    return connection.watch(room, {
      after,
      onEvent: (event) => handlers.current.onEvent(event),
      onReset: () => (handlers.current.onReset ?? handlers.current.revalidate)(),
    });
    // `after` only matters when the room is first watched; a later cursor must not restart the watch.
  }, [connection, room]);
}

/**
 * The simplest way to go live: reload the page's loader data when the room has news. Bursts are
 * merged into one reload. Returns how many events arrived, for tests and counters.
 */
export function useLiveRevalidation(
  room: string | null,
  options: LiveRoomOptions & { filter?: (event: LiveEvent) => boolean; onEvent?: (event: LiveEvent) => void } = {},
): number {
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const [count, setCount] = useState(0);
  useEffect(() => () => clearTimeout(timer.current), []);
  useLiveRoom(
    room,
    (event) => {
      options.onEvent?.(event);
      if (options.filter && !options.filter(event)) return;
      setCount((n) => n + 1);
      clearTimeout(timer.current);
      // A reload that a navigation or a form's submission overtakes is aborted, and that is fine: the
      // newer load brings the same data. Any other failure still shows.
      timer.current = setTimeout(() => {
        void Promise.resolve(revalidate.current()).catch((error: unknown) => {
          if (!(error instanceof DOMException && error.name === "AbortError")) throw error;
        });
      }, 60);
    },
    options,
  );
  return count;
}

/**
 * A loader value that a live event may update before the loader has run again. The event's value
 * wins only while it is newer than the data (its id is above the cursor the loader read first).
 */
export function useLiveValue<T>(loaded: T, loadedAt: number): [T, (value: T, eventId: number) => void] {
  const [override, setOverride] = useState<{ value: T; id: number } | null>(null);
  const set = useCallback(
    (value: T, id: number) => setOverride((current) => (current && current.id >= id ? current : { value, id })),
    [],
  );
  return [override && override.id > loadedAt ? override.value : loaded, set];
}
