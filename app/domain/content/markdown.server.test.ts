import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown.server";

describe("renderMarkdown", () => {
  it("renders the same text to the same HTML every time, from the cache or not", () => {
    const text = `Ett **eget** stycke ${Math.random()} med en [länk](https://example.se).`;
    const first = renderMarkdown(text);
    expect(first).toContain("<strong>eget</strong>");
    expect(renderMarkdown(text)).toBe(first);
  });

  it("renders an empty text, and again (a cached entry of size zero would be refused)", () => {
    expect(renderMarkdown("")).toBe("");
    expect(renderMarkdown("")).toBe("");
  });

  it("renders a text too large for the cache each time, with the same result", () => {
    const large = "Ord ".repeat(300_000);
    expect(renderMarkdown(large)).toBe(renderMarkdown(large));
  });
});
