import type { Role } from "../../db/schema/users";

/**
 * The one place where "who may do what" is decided. Routes call requireX/can; the
 * permission matrix test covers every role against every action.
 */
export interface Actor {
  id: string;
  role: Role;
  suspendedUntil: Date | null;
}

export const actions = [
  "idea.create",
  "idea.edit",
  "idea.delete",
  "idea.support",
  "comment.create",
  "comment.edit",
  "comment.delete",
  "comment.vote",
  "content.report",
  "account.update",
  "admin.users",
  "admin.changeRole",
  "moderation.queue",
  "lab.queue",
] as const;
export type Action = (typeof actions)[number];

/** What an action is about: its owner, and (for role changes) the user concerned. */
export interface Target {
  ownerId?: string;
  targetRole?: Role;
}

const staffRoles: Record<Role, number> = { resident: 0, moderator: 1, lab_staff: 1, admin: 2 };

export function isSuspended(actor: Pick<Actor, "suspendedUntil">, now = new Date()): boolean {
  return actor.suspendedUntil !== null && actor.suspendedUntil.getTime() > now.getTime();
}

const writesContent: ReadonlySet<Action> = new Set([
  "idea.create",
  "idea.edit",
  "idea.delete",
  "idea.support",
  "comment.create",
  "comment.edit",
  "comment.delete",
  "comment.vote",
  "content.report",
]);

export function can(actor: Actor | null | undefined, action: Action, target: Target = {}): boolean {
  if (!actor) return false;
  if (writesContent.has(action) && isSuspended(actor)) return false;
  switch (action) {
    case "idea.create":
    case "comment.create":
    case "idea.support":
    case "comment.vote":
    case "content.report":
    case "account.update":
      return true;
    case "idea.edit":
    case "idea.delete":
    case "comment.edit":
    case "comment.delete":
      return target.ownerId === actor.id;
    case "moderation.queue":
      return actor.role === "moderator" || actor.role === "admin";
    case "lab.queue":
      return actor.role === "lab_staff" || actor.role === "admin";
    case "admin.users":
      return actor.role === "admin";
    case "admin.changeRole":
      return actor.role === "admin" && target.ownerId !== actor.id;
  }
}

export function isStaff(role: Role): boolean {
  return staffRoles[role] > 0;
}
