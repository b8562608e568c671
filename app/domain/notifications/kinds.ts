/** Notification kinds a user can choose channels for (shared with the preferences page). */
export const notificationKinds = [
  "comment.reply",
  "idea.threshold",
  "idea.promoted",
  "idea.declined",
  "project.update",
  "project.status",
  "content.moderated",
  "report.received",
  "lab.ready",
] as const;
export type NotificationKind = (typeof notificationKinds)[number];
