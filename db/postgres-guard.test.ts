import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { assertPostgresGuard, guardMark, postgresConnectionFiles } from "./postgres-guard";

describe("the postgres.js guard", () => {
  it("is in both builds of the installed postgres.js", () => {
    const files = postgresConnectionFiles();
    expect(files).toHaveLength(2);
    for (const file of files) expect(fs.readFileSync(file, "utf8")).toContain(guardMark);
    expect(() => assertPostgresGuard()).not.toThrow();
  });

  it("refuses a postgres.js without it, naming the file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sf-guard-"));
    const unpatched = path.join(dir, "connection.js");
    const original = fs.readFileSync(postgresConnectionFiles()[0]!, "utf8");
    fs.writeFileSync(
      unpatched,
      original
        .split("\n")
        .filter((line) => !line.includes(guardMark))
        .join("\n"),
    );
    try {
      expect(() => assertPostgresGuard([unpatched])).toThrow(unpatched);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
