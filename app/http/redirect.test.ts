import { describe, expect, it } from "vitest";
import { safeRedirect } from "./redirect";
import { openRedirectPayloads } from "../../tests/support/open-redirect-payloads";

const site = "https://forum.example";

/** Where a browser on the site would end up following this Location (WHATWG URL parsing, as Chromium does). */
function followed(location: string): URL {
  return new URL(location, `${site}/logga-in`);
}

describe("safeRedirect", () => {
  it("has at least 100 known payloads to refuse", () => {
    expect(openRedirectPayloads.length).toBeGreaterThanOrEqual(100);
    expect(new Set(openRedirectPayloads).size).toBe(openRedirectPayloads.length);
  });

  it.each(openRedirectPayloads.map((p) => [JSON.stringify(p).slice(0, 80), p]))("refuses %s", (_name, payload) => {
    expect(safeRedirect(payload, "/tillbaka")).toBe("/tillbaka");
  });

  it("refuses what is not a string", () => {
    for (const value of [undefined, null, 42, {}, ["/"], new File(["/"], "x")])
      expect(safeRedirect(value, "/tillbaka")).toBe("/tillbaka");
  });

  it("uses / when no fallback is given", () => {
    expect(safeRedirect("//evil.example")).toBe("/");
  });

  it.each([
    ["/", "/"],
    ["/ideer/12", "/ideer/12"],
    ["/ideer/12?efter=3#kommentar-4", "/ideer/12?efter=3#kommentar-4"],
    ["/konto/tvastegs?krav=1", "/konto/tvastegs?krav=1"],
    ["/sok?q=skola%20h%C3%A4lsa", "/sok?q=skola%20h%C3%A4lsa"],
    ["/sok?q=100%25", "/sok?q=100%25"],
    ["/sok?q=%5C%2F%2Fx", "/sok?q=%5C%2F%2Fx"],
    ["/utmaningar?next=//evil.example", "/utmaningar?next=//evil.example"],
    ["/@evil.example", "/@evil.example"],
    ["/utmaningar/../projekt", "/projekt"],
  ])("keeps the same-site path %s", (target, expected) => {
    expect(safeRedirect(target, "/tillbaka")).toBe(expected);
  });

  it("never answers with a Location that leaves the site or cannot be a header", () => {
    const odd = ["/a//b", "/a/.//b", "/%2561", "/a?b=%0d%0a", "/a#\u00e4"];
    for (const target of [...openRedirectPayloads, ...odd]) {
      const location = safeRedirect(target, "/tillbaka");
      expect(location).toMatch(/^\/(?![/\\])[\x21-\x7e]*$/);
      expect(followed(location).origin).toBe(site);
      expect(followed(location).pathname.startsWith("//")).toBe(false);
    }
  });
});
