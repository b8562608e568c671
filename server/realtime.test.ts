import { describe, expect, it } from "vitest";
import { readSessionId } from "./realtime";

describe("the session cookie of a socket", () => {
  it("is read from either cookie name, among others", () => {
    expect(readSessionId("sf_lang=en; __Host-sf_session=abc123; other=1")).toBe("abc123");
    expect(readSessionId("sf_session=def456")).toBe("def456");
    expect(readSessionId("sf_lang=sv")).toBeNull();
    expect(readSessionId(undefined)).toBeNull();
  });

  it("is no session, not an error, when the header is malformed", () => {
    expect(() => readSessionId("sf_session=%E0%A4%A")).not.toThrow();
    expect(readSessionId("sf_session=%E0%A4%A")).toBe("%E0%A4%A");
    expect(readSessionId(";;=;sf_session")).toBeNull();
    expect(readSessionId("sf_session=")).toBeNull();
  });
});
