import { describe, expect, it } from "vitest";
import { actions, can, isStaff, isSuspended, type Action, type Actor, type Target } from "./permissions";

const future = new Date(Date.now() + 24 * 60 * 60 * 1000);
const past = new Date(Date.now() - 24 * 60 * 60 * 1000);

const actors = {
  visitor: null,
  resident: { id: "u-resident", role: "resident", suspendedUntil: null },
  suspended: { id: "u-suspended", role: "resident", suspendedUntil: future },
  moderator: { id: "u-moderator", role: "moderator", suspendedUntil: null },
  lab_staff: { id: "u-lab", role: "lab_staff", suspendedUntil: null },
  admin: { id: "u-admin", role: "admin", suspendedUntil: null },
} satisfies Record<string, Actor | null>;
type ActorName = keyof typeof actors;
const actorNames = Object.keys(actors) as ActorName[];

/** Whose thing the action is about: the actor's own, or someone else's. */
type Whose = "own" | "other";
type Row = [action: Action, whose: Whose, allowed: ActorName[]];

const signedIn: ActorName[] = ["resident", "suspended", "moderator", "lab_staff", "admin"];
const writers: ActorName[] = ["resident", "moderator", "lab_staff", "admin"];

// The whole matrix: every general action (moderation actions have their own table), for one's own and for someone else's content, lists who may do it.
const table: Row[] = [
  ["idea.create", "own", writers],
  ["idea.create", "other", writers],
  ["idea.edit", "own", writers],
  ["idea.edit", "other", []],
  ["idea.delete", "own", writers],
  ["idea.delete", "other", []],
  ["idea.support", "own", writers],
  ["idea.support", "other", writers],
  ["comment.create", "own", writers],
  ["comment.create", "other", writers],
  ["comment.edit", "own", writers],
  ["comment.edit", "other", []],
  ["comment.delete", "own", writers],
  ["comment.delete", "other", []],
  ["comment.vote", "own", writers],
  ["comment.vote", "other", writers],
  ["content.report", "own", writers],
  ["content.report", "other", writers],
  ["account.update", "own", signedIn],
  ["account.update", "other", signedIn],
  ["admin.users", "own", ["admin"]],
  ["admin.users", "other", ["admin"]],
  ["admin.changeRole", "own", []],
  ["admin.changeRole", "other", ["admin"]],
  ["moderation.queue", "own", ["moderator", "admin"]],
  ["moderation.queue", "other", ["moderator", "admin"]],
  ["lab.queue", "own", ["lab_staff", "admin"]],
  ["lab.queue", "other", ["lab_staff", "admin"]],
  ["lab.decide", "own", ["lab_staff", "admin"]],
  ["lab.decide", "other", ["lab_staff", "admin"]],
  ["lab.challenges", "own", ["lab_staff", "admin"]],
  ["lab.challenges", "other", ["lab_staff", "admin"]],
  ["project.manage", "own", ["lab_staff", "admin"]],
  ["project.manage", "other", ["lab_staff", "admin"]],
  ["site.edit", "own", ["lab_staff", "admin"]],
  ["site.edit", "other", ["lab_staff", "admin"]],
  ["site.private", "own", ["lab_staff", "admin"]],
  ["site.private", "other", ["lab_staff", "admin"]],
  ["follow", "own", signedIn],
  ["follow", "other", signedIn],
];

function targetFor(actor: Actor | null, whose: Whose): Target {
  return { ownerId: whose === "own" && actor ? actor.id : "u-someone-else" };
}

describe("permissions", () => {
  it("the table covers every action for own and other's content", () => {
    const covered = new Set(table.map(([action, whose]) => `${action}:${whose}`));
    const expected = actions.flatMap((a) => [`${a}:own`, `${a}:other`]);
    expect([...covered].sort()).toEqual([...expected].sort());
    expect(table).toHaveLength(expected.length);
  });

  describe.each(table)("%s on %s content", (action, whose, allowed) => {
    it.each(actorNames)("%s", (name) => {
      const actor = actors[name];
      expect(can(actor, action, targetFor(actor, whose))).toBe(allowed.includes(name));
    });
  });

  it("a visitor may do nothing, with or without a target", () => {
    for (const action of actions) {
      expect(can(null, action)).toBe(false);
      expect(can(undefined, action, { ownerId: "x" })).toBe(false);
    }
  });

  it("a suspension that has ended no longer blocks writing", () => {
    const formerlySuspended: Actor = { id: "u-back", role: "resident", suspendedUntil: past };
    expect(isSuspended(formerlySuspended)).toBe(false);
    expect(can(formerlySuspended, "idea.create")).toBe(true);
    expect(isSuspended(actors.suspended)).toBe(true);
    expect(isSuspended(actors.suspended, new Date(future.getTime() + 1))).toBe(false);
  });

  it("only moderators, lab staff and admins are staff", () => {
    expect(isStaff("resident")).toBe(false);
    expect(isStaff("moderator")).toBe(true);
    expect(isStaff("lab_staff")).toBe(true);
    expect(isStaff("admin")).toBe(true);
  });
});
