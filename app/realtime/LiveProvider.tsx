import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { io } from "socket.io-client";
import { useTranslation } from "react-i18next";
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
  const { t } = useTranslation();
  const [connection, setConnection] = useState<LiveConnection | null>(null);
  const [message, setMessage] = useState("");
  const clearTimer = useRef<ReturnType<typeof setTimeout>>();
  // What the reader sees of the connection: nothing while it works, a notice while it is away, and a
  // short "up to date" once every room of the page has caught up.
  const [status, setStatus] = useState<"live" | "reconnecting" | "caughtUp">("live");

  useEffect(() => {
    const socket = io({ transports: ["websocket", "polling"] });
    const live = new LiveConnection(socket, sessionCursorStore());
    let away = false;
    let shownTimer: ReturnType<typeof setTimeout> | undefined;
    // The server closes a user's sockets at logout or password change; come back as whoever the cookie says now.
    const onDisconnect = (reason: string) => {
      if (reason === "io server disconnect") setTimeout(() => socket.connect(), 1000);
      if (reason === "io client disconnect") return;
      away = true;
      clearTimeout(shownTimer);
      setStatus("reconnecting");
    };
    live.onCaughtUp = () => {
      if (!away) return;
      away = false;
      setStatus("caughtUp");
      shownTimer = setTimeout(() => setStatus("live"), 4000);
    };
    // A connection that fails before it was ever made (the network was already gone) is away too.
    const onConnectError = () => {
      away = true;
      clearTimeout(shownTimer);
      setStatus("reconnecting");
    };
    socket.on("disconnect", onDisconnect);
    socket.on("connect_error", onConnectError);
    setConnection(live);
    return () => {
      socket.off("disconnect", onDisconnect);
      socket.off("connect_error", onConnectError);
      clearTimeout(shownTimer);
      live.onCaughtUp = undefined;
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
  useEffect(() => {
    if (status === "reconnecting") announce(t("live.reconnecting"));
    if (status === "caughtUp") announce(t("live.caughtUp"));
  }, [status, announce, t]);

  const value = useMemo(() => ({ connection, announce }), [connection, announce]);
  return (
    <LiveContext.Provider value={value}>
      {children}
      <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="live-announcer">
        {message}
      </div>
      {/* Seen, not read: the announcer above says the same to screen readers. */}
      <p className="live-status" aria-hidden="true" data-testid="live-status" data-state={status} hidden={status === "live"}>
        {status === "reconnecting" ? t("live.reconnecting") : status === "caughtUp" ? t("live.caughtUp") : ""}
      </p>
    </LiveContext.Provider>
  );
}
