import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { io } from "socket.io-client";
import { LiveConnection, sessionCursorStore } from "./client";

interface LiveContextValue {
  connection: LiveConnection | null;
  /** Reads a short text to screen-reader users, politely (after what they are listening to). */
  announce(message: string): void;
}

const LiveContext = createContext<LiveContextValue>({ connection: null, announce: () => {} });

export function useLive(): LiveContextValue {
  return useContext(LiveContext);
}

/**
 * One socket per page for every live component below it. A new socket is opened when the signed-in
 * user changes, so a logout or login never keeps listening with the old identity. Without
 * JavaScript nothing here runs and pages show what the server rendered.
 */
export function LiveProvider({ userId, children }: { userId: string | null; children: React.ReactNode }) {
  const [connection, setConnection] = useState<LiveConnection | null>(null);
  const [message, setMessage] = useState("");
  const clearTimer = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => {
    const socket = io({ transports: ["websocket", "polling"] });
    // The server closes a user's sockets at logout or password change; come back as whoever the cookie says now.
    const reconnect = (reason: string) => {
      if (reason === "io server disconnect") setTimeout(() => socket.connect(), 1000);
    };
    socket.on("disconnect", reconnect);
    setConnection(new LiveConnection(socket, sessionCursorStore()));
    return () => {
      socket.off("disconnect", reconnect);
      socket.disconnect();
      setConnection(null);
    };
  }, [userId]);

  const announce = useCallback((text: string) => {
    // Clearing first makes a repeated message be read again.
    setMessage("");
    clearTimeout(clearTimer.current);
    clearTimer.current = setTimeout(() => setMessage(text), 50);
  }, []);

  useEffect(() => () => clearTimeout(clearTimer.current), []);

  const value = useMemo(() => ({ connection, announce }), [connection, announce]);
  return (
    <LiveContext.Provider value={value}>
      {children}
      <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="live-announcer">
        {message}
      </div>
    </LiveContext.Provider>
  );
}
