/**
 * Every action the audit log records, and the message key that names it on the staff and public
 * pages. Plain values: the pages that show the log use them in the browser too.
 */

/** A moderator's decision on a post or a person. */
export const decisionKinds = [
  "approve",
  "hide",
  "restore",
  "delete",
  "edit",
  "lock",
  "unlock",
  "pin",
  "unpin",
  "suspend",
  "unsuspend",
] as const;
export type DecisionKind = (typeof decisionKinds)[number];

/** Staff actions outside the moderation queue. */
export const staffActions = [
  "idea.promote",
  "idea.decline",
  "idea.redact",
  "comment.redact",
  "challenge.threshold",
  "project.create",
  "project.status",
  "news.create",
  "news.update",
  "site.edit",
  "settings.moderation",
  "user.role",
] as const;
export type StaffAction = (typeof staffActions)[number];

export type AuditAction = `${"idea" | "comment" | "user"}.${DecisionKind}` | StaffAction;

/** The message key of an audit action ("idea.hide" → moderation.action.hide, "idea.promote" → audit.action.idea_promote). */
export function auditActionKey(action: string): string {
  if ((staffActions as readonly string[]).includes(action)) return `audit.action.${action.replace(".", "_")}`;
  const verb = action.split(".")[1] ?? "";
  return (decisionKinds as readonly string[]).includes(verb) ? `moderation.action.${verb}` : "audit.action.other";
}
