import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { getI18n, type AppLocale } from "./index";
import { useT } from "./use-t";

/** Renders a component that translates each call with useT, and returns what it rendered. */
function translateAll(locale: AppLocale, calls: [string, Record<string, unknown>?][]): string[] {
  let out: string[] = [];
  function Probe() {
    const t = useT();
    out = calls.map(([key, options]) => String(t(key, options as never)));
    return null;
  }
  renderToStaticMarkup(
    <I18nextProvider i18n={getI18n(locale)}>
      <Probe />
    </I18nextProvider>,
  );
  return out;
}

describe("useT", () => {
  it("gives what i18next gives, for repeated keys with and without options, in both languages", () => {
    const calls: [string, Record<string, unknown>?][] = [
      ["comment.upvote"],
      ["comment.score", { score: 3 }],
      ["comment.score", { score: 3 }],
      ["comment.score", { score: -1 }],
      ["comment.replyingTo", { name: "Amina" }],
      ["comment.replyingTo", { name: "Erik" }],
      ["comment.upvote"],
      ["finns.inte.alls"],
    ];
    for (const locale of ["sv", "en"] as const) {
      const expected = calls.map(([key, options]) => getI18n(locale).t(key, options));
      // Twice: the second round answers from what the first remembered.
      expect(translateAll(locale, calls)).toEqual(expected);
      expect(translateAll(locale, calls)).toEqual(expected);
    }
    expect(translateAll("sv", [["comment.score", { score: 3 }]])).toEqual(["Poäng: 3"]);
    expect(translateAll("en", [["comment.score", { score: 3 }]])).toEqual(["Score: 3"]);
  });

  it("keeps a number and the same text as a string apart, and stays right past its size limit", () => {
    const many = Array.from({ length: 6_000 }, (_, i): [string, Record<string, unknown>] => [
      "comment.replyingTo",
      { name: `Person ${i}` },
    ]);
    const got = translateAll("sv", [...many, ["comment.score", { score: 7 }], ["comment.score", { score: "7 av 10" }]]);
    expect(got[0]).toBe("svar till Person 0");
    expect(got[5_999]).toBe("svar till Person 5999");
    expect(got.slice(-2)).toEqual(["Poäng: 7", "Poäng: 7 av 10"]);
    expect(translateAll("sv", [["comment.replyingTo", { name: "Person 0" }]])).toEqual(["svar till Person 0"]);
  });

  it("passes options holding objects straight to i18next", () => {
    const name = { toString: () => "Objektet" };
    expect(translateAll("sv", [["comment.replyingTo", { name }]])).toEqual([getI18n("sv").t("comment.replyingTo", { name })]);
  });
});
