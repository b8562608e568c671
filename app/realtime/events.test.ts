import { describe, expect, it } from "vitest";
import { can } from "../auth/permissions";
import { canListen, isValidRoom } from "./events";

const roles = ["resident", "moderator", "lab_staff", "admin"] as const;

describe("who may listen to a room", () => {
  it("lets anyone, signed in or not, into the public rooms", () => {
    for (const room of ["challenge:1", "idea:22", "project:3"]) {
      expect(canListen(null, room)).toBe(true);
      for (const role of roles) expect(canListen({ id: "u1", role }, room)).toBe(true);
    }
  });

  it("gives the staff rooms to exactly those the permissions module gives the queues", () => {
    const suspensions = [null, new Date(Date.now() - 60_000), new Date(Date.now() + 86_400_000)];
    for (const role of roles) {
      for (const suspendedUntil of suspensions) {
        const actor = { id: "u1", role, suspendedUntil };
        expect(canListen(actor, "moderation"), `${role} ${suspendedUntil}`).toBe(can(actor, "moderation.queue"));
        expect(canListen(actor, "lab"), `${role} ${suspendedUntil}`).toBe(can(actor, "lab.queue"));
      }
    }
    expect(canListen(null, "moderation")).toBe(false);
    expect(canListen(null, "lab")).toBe(false);
  });

  it("keeps no staff room for a suspended staff member, but their own room", () => {
    const until = new Date(Date.now() + 86_400_000);
    expect(canListen({ id: "abc", role: "admin", suspendedUntil: until }, "moderation")).toBe(false);
    expect(canListen({ id: "abc", role: "admin", suspendedUntil: until }, "lab")).toBe(false);
    expect(canListen({ id: "abc", role: "moderator", suspendedUntil: until }, "user:abc")).toBe(true);
    expect(canListen({ id: "abc", role: "moderator", suspendedUntil: until }, "idea:1")).toBe(true);
  });

  it("gives a user room only to that user, whatever their role", () => {
    for (const role of roles) {
      expect(canListen({ id: "abc", role }, "user:abc")).toBe(true);
      expect(canListen({ id: "abc", role }, "user:abd")).toBe(false);
    }
    expect(canListen(null, "user:abc")).toBe(false);
  });

  it("knows no other rooms", () => {
    for (const room of ["idea:", "idea:x", "idea:1:2", "Moderation", "user:", "user:ABC", "", "challenge:1 ", 5, null]) {
      expect(isValidRoom(room)).toBe(false);
    }
  });
});
