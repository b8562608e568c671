import { describe, expect, it } from "vitest";
import { toCsv } from "./csv.server";

describe("toCsv", () => {
  it("quotes where RFC 4180 needs it and ends every line with CRLF", () => {
    expect(toCsv([["a", "b,c", 'sa "hej"', "två\nrader", 3, null]])).toBe('a,"b,c","sa ""hej""","två\nrader",3,\r\n');
  });

  it("keeps a spreadsheet from running a cell as a formula", () => {
    expect(toCsv([["=1+1", "+46 70", "-x", "@SUM(A1)", "\tx", "vanlig"]])).toBe("'=1+1,'+46 70,'-x,'@SUM(A1),'\tx,vanlig\r\n");
  });

  it("writes numbers as numbers, negative ones too", () => {
    expect(toCsv([[-1, 0.25]])).toBe("-1,0.25\r\n");
  });
});
