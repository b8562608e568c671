import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "../auth/session.server";
import { can } from "../auth/permissions";
import { listNotifications, markAllRead, markRead } from "../domain/notifications/notifications.server";
import { getPreferences, savePreferences } from "../domain/notifications/preferences.server";
import { notificationKinds } from "../domain/notifications/kinds";
import { getLiveCursor } from "../domain/live/outbox.server";
import { useLiveRevalidation } from "../realtime/hooks";
import { notificationKindLabel, notificationText } from "../ui/notification-text";
import { formatDate } from "../ui/format-date";
import { pageTitle } from "../ui/meta";
import { safeRedirect } from "../http/redirect";
import { parseId } from "../http/responses.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "notifications.title" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "account.update");
  const db = context.database.db;
  const liveCursor = await getLiveCursor(db, `user:${user.id}`, context);
  const [items, preferences] = await Promise.all([listNotifications(db, user.id, 100), getPreferences(db, user.id)]);
  return {
    userId: user.id,
    liveCursor,
    items: items.map((n) => ({
      id: n.id,
      kind: n.kind,
      data: n.data,
      link: n.link,
      read: n.readAt !== null,
      createdAt: n.createdAt,
    })),
    // Only lab staff hear that ideas are ready for review.
    preferences: can(user, "lab.queue") ? preferences : preferences.filter((p) => p.kind !== "lab.ready"),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "account.update");
  const db = context.database.db;
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "read") {
    const id = parseId(String(form.get("id") ?? ""));
    if (id !== null) await markRead(db, user.id, id);
    const link = form.get("link");
    // Only paths on this site are followed after marking read; anything else comes back here.
    if (typeof link === "string" && link !== "") return redirect(safeRedirect(link, "/notiser"));
    return { intent, done: true };
  }
  if (intent === "readAll") {
    await markAllRead(db, user.id);
    return { intent, done: true };
  }
  if (intent === "preferences") {
    const prefs = notificationKinds.map((kind) => ({
      kind,
      inApp: form.get(`inApp:${kind}`) === "on",
      email: form.get(`email:${kind}`) === "on",
    }));
    await savePreferences(db, user.id, prefs);
    return { intent, done: true };
  }
  return data({ intent: null, done: false }, { status: 400 });
}

export default function Notifications() {
  const { t, i18n } = useTranslation();
  const { userId, liveCursor, items, preferences } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  useLiveRevalidation(`user:${userId}`, { after: liveCursor, filter: (e) => e.type === "notification.created" });
  const unread = items.filter((n) => !n.read).length;
  return (
    <div className="stack">
      <h1>{t("notifications.title")}</h1>
      <p className="muted" role="status" data-testid="unread-summary">
        {t("notifications.newCount", { count: unread })}
      </p>
      {actionData?.intent === "readAll" ? (
        <p className="notice" role="status">
          {t("notifications.allRead")}
        </p>
      ) : null}
      {unread > 0 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="readAll" />
          <button type="submit" className="secondary">
            {t("notifications.markAllRead")}
          </button>
        </Form>
      ) : null}
      {items.length === 0 ? (
        <p className="muted">{t("notifications.empty")}</p>
      ) : (
        <ul className="card-list" data-testid="notification-list">
          {items.map((n) => (
            <li key={n.id} className={n.read ? "card" : "card unread"}>
              <p>
                {n.read ? null : <strong className="badge">{t("notifications.unread")}</strong>}{" "}
                <span className="notification-text">{notificationText(t, n)}</span>
              </p>
              <p className="muted">
                <time dateTime={new Date(n.createdAt).toISOString()}>{formatDate(n.createdAt, i18n.language)}</time>
              </p>
              <div className="inline-form">
                {n.link ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="read" />
                    <input type="hidden" name="id" value={n.id} />
                    <input type="hidden" name="link" value={n.link} />
                    <button type="submit" className="link-button">
                      {t("notifications.open")}
                      <span className="visually-hidden">: {notificationText(t, n)}</span>
                    </button>
                  </Form>
                ) : null}
                {n.read ? null : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="read" />
                    <input type="hidden" name="id" value={n.id} />
                    <button type="submit" className="link-button">
                      {t("notifications.markRead")}
                      <span className="visually-hidden">: {notificationText(t, n)}</span>
                    </button>
                  </Form>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <section className="card" aria-labelledby="prefs-heading">
        <h2 id="prefs-heading">{t("notifications.preferencesTitle")}</h2>
        <p>{t("notifications.preferencesLead")}</p>
        {actionData?.intent === "preferences" ? (
          <p className="notice" role="status">
            {t("notifications.preferencesSaved")}
          </p>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="preferences" />
          <div className="table-wrap">
            <table className="prefs-table">
              <thead>
                <tr>
                  <th scope="col">{t("notifications.kind")}</th>
                  <th scope="col">{t("notifications.inApp")}</th>
                  <th scope="col">{t("notifications.email")}</th>
                </tr>
              </thead>
              <tbody>
                {preferences.map((p) => (
                  <tr key={p.kind}>
                    <th scope="row">{notificationKindLabel(t, p.kind)}</th>
                    <td>
                      <input
                        type="checkbox"
                        name={`inApp:${p.kind}`}
                        defaultChecked={p.inApp}
                        aria-label={`${notificationKindLabel(t, p.kind)}: ${t("notifications.inApp")}`}
                      />
                    </td>
                    <td>
                      <input
                        type="checkbox"
                        name={`email:${p.kind}`}
                        defaultChecked={p.email}
                        aria-label={`${notificationKindLabel(t, p.kind)}: ${t("notifications.email")}`}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button type="submit" className="primary">
            {t("notifications.savePreferences")}
          </button>
        </Form>
      </section>
    </div>
  );
}
