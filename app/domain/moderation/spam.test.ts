import { describe, expect, it } from "vitest";
import { countLinks, normaliseForDuplicate } from "./spam";

describe("countLinks", () => {
  it("counts bare, www and Markdown links", () => {
    expect(countLinks("Se https://a.se och www.b.se samt [c](http://c.se/x?y=1).")).toBe(3);
  });
  it("counts nothing in plain text", () => {
    expect(countLinks("Ingen länk här, bara punkt.se utan protokoll")).toBe(0);
  });
});

describe("normaliseForDuplicate", () => {
  it("ignores case and spacing", () => {
    expect(normaliseForDuplicate("  Köp   BILLIGT\n nu ")).toBe(normaliseForDuplicate("köp billigt nu"));
  });
});
