import type { TFunction } from "i18next";

export interface NotificationLike {
  kind: string;
  data: unknown;
}

/** The one sentence a notification says, for the notifications page and the email alike. */
export function notificationText(t: TFunction, notification: NotificationLike): string {
  const data = (notification.data ?? {}) as Record<string, unknown>;
  const key = notification.kind.replace(/\./g, "_");
  const values: Record<string, unknown> = { ...data };
  // The idea was deleted or hidden since (app/domain/notifications): say so rather than show its title.
  if (data.ideaTitle === null) values.ideaTitle = t("notifications.removedIdea");
  if (notification.kind === "project.status" && typeof data.to === "string") {
    values.status = (t(`projects.statusOne.${data.to}`) as string).toLowerCase();
  }
  const exists = t(`notifications.text.${key}`, { defaultValue: "" }) as string;
  if (!exists) return t("notifications.text.other") as string;
  return t(`notifications.text.${key}`, values) as string;
}

export function notificationKindLabel(t: TFunction, kind: string): string {
  return t(`notifications.kinds.${kind.replace(/\./g, "_")}`) as string;
}
