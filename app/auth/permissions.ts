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
  "lab.decide",
  "lab.challenges",
  "project.manage",
  "follow",
  "site.edit",
  "site.private",
] as const;

/**
 * Moderation actions. They act on someone's content or account, so the target says whose
 * (ownerId, targetRole) and, on an appeal, which moderator decided before (excludedActorId).
 */
export const moderationActionNames = [
  "moderation.approve",
  "moderation.hide",
  "moderation.restore",
  "moderation.delete",
  "moderation.edit",
  "moderation.lock",
  "moderation.pin",
  "moderation.suspend",
  "moderation.unsuspend",
  "moderation.seeActor",
  "moderation.settings",
  "moderation.appeal",
] as const;
export type ModerationAction = (typeof moderationActionNames)[number];

export type Action = (typeof actions)[number] | ModerationAction;

/** What an action is about: its owner, and (for role changes) the user concerned. */
export interface Target {
  ownerId?: string;
  targetRole?: Role;
  /** On an appealed case: the moderator who decided it first, who may not decide it again. */
  excludedActorId?: string;
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
    // A suspended staff member keeps reading the site but not the queues (nor their live rooms).
    case "moderation.queue":
      return (actor.role === "moderator" || actor.role === "admin") && !isSuspended(actor);
    case "lab.queue":
      return (actor.role === "lab_staff" || actor.role === "admin") && !isSuspended(actor);
    case "lab.decide":
    case "lab.challenges":
    case "project.manage":
      return (actor.role === "lab_staff" || actor.role === "admin") && !isSuspended(actor);
    case "follow":
      return true;
    case "site.edit":
    case "site.private":
      // News, the about page, subscriber lists and contact messages belong to the staff who run the site.
      return (actor.role === "lab_staff" || actor.role === "admin") && !isSuspended(actor);
    case "admin.users":
      return actor.role === "admin";
    case "admin.changeRole":
      return actor.role === "admin" && target.ownerId !== actor.id;
    case "moderation.seeActor":
    case "moderation.settings":
      return actor.role === "admin";
    case "moderation.appeal":
      // A suspended author may still ask for the decision against them to be looked at again.
      return target.ownerId === actor.id;
    default:
      return canModerate(actor, target);
  }
}

/** Moderators and admins act on others' content and accounts: never their own, and a moderator never on an admin's. */
function canModerate(actor: Actor, target: Target): boolean {
  if (actor.role !== "moderator" && actor.role !== "admin") return false;
  if (isSuspended(actor)) return false;
  if (!target.ownerId || target.ownerId === actor.id) return false;
  if (target.excludedActorId === actor.id) return false;
  if (actor.role === "moderator" && target.targetRole === "admin") return false;
  return true;
}

export function isStaff(role: Role): boolean {
  return staffRoles[role] > 0;
}

/** Actions open to every signed-in user; staff may use them before enrolling in two-factor sign-in. */
const residentActions: ReadonlySet<Action> = new Set([
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
  "follow",
  "moderation.appeal",
]);

export function isResidentAction(action: Action): boolean {
  return residentActions.has(action);
}

/**
 * Staff who must use two-factor sign-in (STAFF_2FA=required) and have not enrolled yet: their staff
 * powers (staff pages, staff writes, the staff live rooms) wait until they have.
 */
export function mustEnrolTwoFactor(user: { role: Role; twoFactor: boolean }, staffTwoFactor: "required" | "optional"): boolean {
  return staffTwoFactor === "required" && isStaff(user.role) && !user.twoFactor;
}
