import { describe, expect, it } from "vitest";
import { relativeTime } from "./RelativeTime";

describe("relativeTime", () => {
  const now = Date.parse("2026-03-10T12:00:00Z");
  const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

  it.each([
    [10, "nu"],
    [5 * 60, "för 5 minuter sedan"],
    [3 * 3600, "för 3 timmar sedan"],
    [24 * 3600, "i går"],
    [3 * 24 * 3600, "för 3 dagar sedan"],
    [14 * 24 * 3600, "för 2 veckor sedan"],
    [400 * 24 * 3600, "förra året"],
    [800 * 24 * 3600, "för 2 år sedan"],
  ])("says %i seconds ago as %s in Swedish", (seconds, text) => {
    expect(relativeTime(ago(seconds), now, "sv")).toBe(text);
  });

  it("speaks English when the reader chose it", () => {
    expect(relativeTime(ago(3 * 3600), now, "en")).toBe("3 hours ago");
  });
});
