import { describe, expect, it } from "vitest";
import { can, moderationActionNames, type Actor, type ModerationAction, type Target } from "./permissions";

const future = new Date(Date.now() + 24 * 60 * 60 * 1000);

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

/** Whose content or account the action is about. */
type Whose = "own" | "resident's" | "admin's";
const whoseList: Whose[] = ["own", "resident's", "admin's"];

function targetFor(actor: Actor | null, whose: Whose): Target {
  if (whose === "own") return { ownerId: actor?.id ?? "u-nobody", targetRole: actor?.role ?? "resident" };
  if (whose === "admin's") return { ownerId: "u-other-admin", targetRole: "admin" };
  return { ownerId: "u-someone", targetRole: "resident" };
}

const staffActs: Record<Whose, ActorName[]> = { own: [], "resident's": ["moderator", "admin"], "admin's": ["admin"] };
const adminOnly: Record<Whose, ActorName[]> = { own: ["admin"], "resident's": ["admin"], "admin's": ["admin"] };
// Only the author appeals, and a suspension does not take that away.
const authorOnly: Record<Whose, ActorName[]> = {
  own: ["resident", "suspended", "moderator", "lab_staff", "admin"],
  "resident's": [],
  "admin's": [],
};

const expected: Record<ModerationAction, Record<Whose, ActorName[]>> = {
  "moderation.approve": staffActs,
  "moderation.hide": staffActs,
  "moderation.restore": staffActs,
  "moderation.delete": staffActs,
  "moderation.edit": staffActs,
  "moderation.lock": staffActs,
  "moderation.pin": staffActs,
  "moderation.suspend": staffActs,
  "moderation.unsuspend": staffActs,
  "moderation.seeActor": adminOnly,
  "moderation.settings": adminOnly,
  "moderation.appeal": authorOnly,
};

describe("moderation permissions", () => {
  it("the table lists every moderation action", () => {
    expect(Object.keys(expected).sort()).toEqual([...moderationActionNames].sort());
  });

  describe.each(moderationActionNames.flatMap((action) => whoseList.map((whose) => [action, whose] as const)))(
    "%s on %s content",
    (action, whose) => {
      it.each(actorNames)("%s", (name) => {
        const actor = actors[name];
        expect(can(actor, action, targetFor(actor, whose))).toBe(expected[action][whose].includes(name));
      });
    },
  );

  it("a moderator cannot act on own content or on an admin's", () => {
    const moderator = actors.moderator;
    for (const action of ["moderation.hide", "moderation.edit", "moderation.suspend", "moderation.delete"] as const) {
      expect(can(moderator, action, { ownerId: moderator.id, targetRole: "moderator" })).toBe(false);
      expect(can(moderator, action, { ownerId: "u-admin-2", targetRole: "admin" })).toBe(false);
      expect(can(moderator, action, { ownerId: "u-resident", targetRole: "resident" })).toBe(true);
    }
  });

  it("an appealed case goes to a different moderator", () => {
    const target = { ownerId: "u-resident", targetRole: "resident", excludedActorId: actors.moderator.id } as const;
    expect(can(actors.moderator, "moderation.restore", target)).toBe(false);
    expect(can({ ...actors.moderator, id: "u-moderator-2" }, "moderation.restore", target)).toBe(true);
  });

  it("a suspended moderator cannot moderate", () => {
    const suspendedModerator = { ...actors.moderator, suspendedUntil: future };
    expect(can(suspendedModerator, "moderation.hide", { ownerId: "u-resident", targetRole: "resident" })).toBe(false);
  });

  it("a suspended moderator or lab member no longer sees the queues", () => {
    expect(can({ ...actors.moderator, suspendedUntil: future }, "moderation.queue")).toBe(false);
    expect(can({ ...actors.admin, suspendedUntil: future }, "moderation.queue")).toBe(false);
    expect(can({ ...actors.lab_staff, suspendedUntil: future }, "lab.queue")).toBe(false);
    expect(can(actors.moderator, "moderation.queue")).toBe(true);
    expect(can(actors.lab_staff, "lab.queue")).toBe(true);
  });

  it("a suspended resident cannot report", () => {
    expect(can(actors.suspended, "content.report", { ownerId: "u-someone" })).toBe(false);
    expect(can(actors.resident, "content.report", { ownerId: "u-someone" })).toBe(true);
  });

  it("moderation without a known owner is refused", () => {
    expect(can(actors.admin, "moderation.hide")).toBe(false);
  });
});
