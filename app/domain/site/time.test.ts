import { describe, expect, it } from "vitest";
import { fromLocalInput, toLocalInput } from "./time";

describe("Swedish local time in staff forms", () => {
  it("reads a local time as the instant it is in Stockholm, in winter and in summer", () => {
    expect(fromLocalInput("2026-01-15T18:00").toISOString()).toBe("2026-01-15T17:00:00.000Z");
    expect(fromLocalInput("2026-07-01T18:00").toISOString()).toBe("2026-07-01T16:00:00.000Z");
    expect(fromLocalInput("2026-07-01").toISOString()).toBe("2026-06-30T22:00:00.000Z");
  });

  it("shows an instant as Stockholm time, on both sides of a daylight-saving change", () => {
    expect(toLocalInput(new Date("2026-03-29T00:30:00Z"))).toBe("2026-03-29T01:30");
    expect(toLocalInput(new Date("2026-03-29T01:30:00Z"))).toBe("2026-03-29T03:30");
    expect(toLocalInput("2026-10-25T00:30:00Z")).toBe("2026-10-25T02:30");
    expect(toLocalInput(null)).toBe("");
  });

  it("gives back what was typed", () => {
    for (const typed of ["2026-01-01T00:00", "2026-03-29T03:00", "2026-10-25T03:00", "2026-12-31T23:59"]) {
      expect(toLocalInput(fromLocalInput(typed))).toBe(typed);
    }
  });
});
