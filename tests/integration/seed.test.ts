import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { openDatabase, type Database } from "../../db/client";
import { users } from "../../db/schema";
import { seed, isEmpty, demoUsers } from "../../db/seed";
import { verifyPassword } from "../../db/password";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../support/databases";

/** Row count of every table, so a second seed that adds anything anywhere shows. */
async function rowCounts(database: Database): Promise<Record<string, number>> {
  const tables = await database.rows<{ name: string }>(
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await database.rows<{ n: number | string }>(sql`select count(*) as n from ${sql.identifier(name)}`);
    counts[name] = Number(row.n);
  }
  return counts;
}

describe.each(databaseKinds)("seed on %s", (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("fills an empty database once; running it again adds nothing", async () => {
    expect(await isEmpty(database.db)).toBe(true);
    await seed(database.db);
    expect(await isEmpty(database.db)).toBe(false);
    const first = await rowCounts(database);
    expect(first.users).toBe(demoUsers.length);
    expect(first.focus_areas).toBeGreaterThan(0);
    expect(first.challenges).toBeGreaterThan(0);
    expect(first.ideas).toBeGreaterThan(0);
    expect(first.comments).toBeGreaterThan(0);

    await seed(database.db);
    expect(await rowCounts(database)).toEqual(first);
  });

  it("derives the idea counters from the rows it wrote", async () => {
    const mismatches = await database.rows(sql`
      select i.id from ideas i
      where i.support_count <> (select count(*) from idea_supports s where s.idea_id = i.id)
         or i.comment_count <> (select count(*) from comments c where c.idea_id = i.id and c.deleted_at is null)`);
    expect(mismatches).toEqual([]);
  });
});

function runCli(
  args: string[],
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["build/server/user-cli.js", ...args], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (c) => (output += c));
    child.stderr.on("data", (c) => (output += c));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

describe("user:create CLI", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sf-user-cli-"));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  async function findUser(email: string) {
    const database = await openDatabase({ dataDir });
    try {
      const [row] = await database.db.select().from(users).where(eq(users.email, email));
      return row;
    } finally {
      await database.close();
    }
  }

  it("creates a user, then updates the same user's role and password", { timeout: 120_000 }, async () => {
    const created = await runCli(
      ["--email", "Ny.Admin@Example.se", "--name", "Nora Admin", "--role", "admin", "--password", "styrelsen-ses-i-maj"],
      dataDir,
    );
    expect(created.output).toContain("Skapade ny.admin@example.se (admin).");
    expect(created.code).toBe(0);
    const first = await findUser("ny.admin@example.se");
    expect(first.role).toBe("admin");
    expect(first.displayName).toBe("Nora Admin");
    expect(await verifyPassword(first.passwordHash, "styrelsen-ses-i-maj")).toBe(true);

    const updated = await runCli(
      ["--email", "ny.admin@example.se", "--name", "Nora Moderator", "--role", "moderator", "--password", "hosten-ses-i-oktober"],
      dataDir,
    );
    expect(updated.output).toContain("Uppdaterade ny.admin@example.se (moderator).");
    expect(updated.code).toBe(0);
    const second = await findUser("ny.admin@example.se");
    expect(second.id).toBe(first.id);
    expect(second.role).toBe("moderator");
    expect(await verifyPassword(second.passwordHash, "hosten-ses-i-oktober")).toBe(true);
  });

  it.each([
    [
      "an unknown role",
      ["--email", "x@example.se", "--name", "X", "--role", "kung", "--password", "ett-bra-losenord-1"],
      'Okänd roll "kung"',
    ],
    [
      "a common password",
      ["--email", "x@example.se", "--name", "X", "--role", "resident", "--password", "1234567890"],
      "Lösenordet duger inte (too_common)",
    ],
    [
      "a short password",
      ["--email", "x@example.se", "--name", "X", "--role", "resident", "--password", "kort"],
      "Lösenordet duger inte (too_short)",
    ],
    ["a missing email", ["--name", "X", "--password", "ett-bra-losenord-1"], "Användning: npm run user:create"],
  ])("refuses %s with exit code 1 and a message", { timeout: 60_000 }, async (_case, args, message) => {
    const result = await runCli(args, dataDir);
    expect(result.code).toBe(1);
    expect(result.output).toContain(message);
    expect(result.output).not.toMatch(/\n\s+at /);
  });

  it(
    "parses the environment with the server's schema: a bad variable is named, and nothing is done",
    { timeout: 60_000 },
    async () => {
      const args = ["--email", "fel-miljo@example.se", "--name", "X", "--role", "resident", "--password", "ett-bra-losenord-1"];
      const result = await runCli(args, dataDir, { DATABASE_URL: "mysql://localhost/forum" });
      expect(result.code).toBe(1);
      expect(result.output).toContain(
        "Ogiltig konfiguration i miljövariablerna:\n  DATABASE_URL: ska vara en PostgreSQL-adress som börjar med postgres://",
      );
      expect(result.output).not.toMatch(/\n\s+at /);
      expect(await findUser("fel-miljo@example.se")).toBeUndefined();
    },
  );

  it("created nobody for the refused commands", async () => {
    expect(await findUser("x@example.se")).toBeUndefined();
  });
});
