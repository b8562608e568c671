import { useEffect, useState } from "react";
import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLiveRoom } from "../realtime/hooks";
import { useLive } from "../realtime/LiveProvider";

/**
 * The header link to /notiser with the unread count. The count comes from the root loader and
 * goes up live as notifications arrive in the user's private room.
 */
export function NotificationLink({ userId, unread, liveCursor }: { userId: string; unread: number; liveCursor: number }) {
  const { t } = useTranslation();
  const [count, setCount] = useState(unread);
  const { announce } = useLive();
  useEffect(() => setCount(unread), [unread]);
  useLiveRoom(
    `user:${userId}`,
    (event) => {
      if (event.type !== "notification.created") return;
      setCount((n) => n + 1);
      announce(t("live.newNotification"));
    },
    { after: liveCursor, onReset: () => {} },
  );
  return (
    <NavLink to="/notiser" data-testid="notification-link">
      {count > 0 ? (
        <>
          {t("nav.notifications")}{" "}
          <span className="count-badge" aria-hidden="true" data-testid="notification-count">
            {count}
          </span>
          <span className="visually-hidden">({t("nav.notificationsUnread", { count })})</span>
        </>
      ) : (
        t("nav.notifications")
      )}
    </NavLink>
  );
}
