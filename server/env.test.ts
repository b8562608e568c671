import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defaultConfig, envSchema, envVariables, readEnv, serverConfig } from "./env";

interface Row {
  variables: string[];
  defaults: string[];
  meaning: string;
}

/** The rows of README.md's table of environment variables, one or more variables to a row. */
function readmeRows(): Row[] {
  const readme = fs.readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const section = readme.split(/^## Environment variables$/m)[1]?.split(/^## /m)[0];
  if (!section) throw new Error("README.md has no section ## Environment variables");
  const lines = section.split("\n").filter((line) => line.startsWith("|"));
  expect(lines[0]).toBe("| variable | default | meaning |");
  return lines.slice(2).map((line) => {
    const [names, defaults, meaning] = line
      .slice(1, -1)
      .split(" | ")
      .map((cell) => cell.trim());
    const variables = [...names.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]);
    // A row of several variables lists their defaults in the same order, separated by commas.
    return { variables, defaults: variables.length > 1 ? defaults.split(", ") : [defaults], meaning };
  });
}

/** Variables of the test harness (tests/support), documented with "tests:"; the server never reads them. */
const isTestHarness = (row: Row) => row.meaning.startsWith("tests:");

describe("README.md's table of environment variables", () => {
  const rows = readmeRows();

  it("lists exactly the schema's variables, each once", () => {
    const documented = rows.filter((row) => !isTestHarness(row)).flatMap((row) => row.variables);
    expect(new Set(documented).size).toBe(documented.length);
    expect([...documented].sort()).toEqual([...envVariables].sort());
  });

  it("lists the test harness's variables apart, and none of them is the server's", () => {
    const harness = rows.filter(isTestHarness).flatMap((row) => row.variables);
    expect(harness).toEqual(["TEST_DATABASE_URL", "CHROMIUM_PATH", "REQUIRE_BROWSER"]);
    for (const name of harness) expect(envVariables).not.toContain(name);
  });

  it("gives the schema's default for every variable that has one", () => {
    const shape = envSchema.shape as Record<string, z.ZodTypeAny>;
    let checked = 0;
    for (const row of rows.filter((r) => !isTestHarness(r))) {
      expect(row.defaults, `defaults of ${row.variables.join(", ")}`).toHaveLength(row.variables.length);
      row.variables.forEach((name, i) => {
        const field = shape[name];
        if (!(field instanceof z.ZodDefault)) return;
        expect(row.defaults[i], name).toBe(`\`${field._def.defaultValue()}\``);
        checked++;
      });
    }
    expect(checked).toBeGreaterThanOrEqual(15);
  });
});

/** The message readEnv throws for these variables. */
function failure(source: Record<string, string>): string {
  try {
    readEnv(source);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`readEnv accepted ${JSON.stringify(source)}`);
}

describe("readEnv", () => {
  it("without any variable gives the defaults the README documents", () => {
    const env = readEnv({});
    expect(env).toMatchObject({
      NODE_ENV: "development",
      PORT: 3000,
      HOST: "0.0.0.0",
      DATA_DIR: "./data",
      LOG_LEVEL: "info",
      SESSION_IDLE_HOURS: 168,
      SESSION_MAX_DAYS: 30,
      PAGE_CACHE_SECONDS: 10,
      SMTP_PORT: 587,
      SMTP_SECURE: false,
      CONTACT_MIN_FILL_SECONDS: 3,
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(defaultConfig).toEqual({
      session: { idleHours: 168, maxDays: 30 },
      contact: { minFillSeconds: 3, recipients: [] },
      rateLimits: {
        ideas: { points: 5, seconds: 3600 },
        comments: { points: 30, seconds: 600 },
        votes: { points: 120, seconds: 600 },
        reports: { points: 20, seconds: 3600 },
        barriers: { points: 5, seconds: 3600 },
        contact: { points: 5, seconds: 3600 },
      },
      mail: { smtp: undefined, from: "Samhällsforum <noreply@samhallsforum.se>", outboxDir: "data/mail-outbox" },
    });
  });

  it("hands on typed values: limits, addresses, SMTP and the mail folder", () => {
    const config = serverConfig(
      readEnv({
        RATE_IDEAS: "15/3600",
        CONTACT_EMAIL: " kontakt@example.se, labbet@example.se ",
        CONTACT_MIN_FILL_SECONDS: "0.5",
        SESSION_IDLE_HOURS: "2",
        SMTP_HOST: "smtp.example.se",
        SMTP_PORT: "465",
        SMTP_SECURE: "true",
        SMTP_USER: "forum",
        SMTP_PASSWORD: "hemligt",
        DATA_DIR: "/srv/forum",
      }),
    );
    expect(config.rateLimits.ideas).toEqual({ points: 15, seconds: 3600 });
    expect(config.contact).toEqual({ minFillSeconds: 0.5, recipients: ["kontakt@example.se", "labbet@example.se"] });
    expect(config.session).toEqual({ idleHours: 2, maxDays: 30 });
    expect(config.mail).toEqual({
      smtp: { host: "smtp.example.se", port: 465, secure: true, user: "forum", password: "hemligt" },
      from: "Samhällsforum <noreply@samhallsforum.se>",
      outboxDir: "/srv/forum/mail-outbox",
    });
    expect(serverConfig(readEnv({ MAIL_OUTBOX_DIR: "/tmp/post" })).mail.outboxDir).toBe("/tmp/post");
  });

  it("takes an empty variable as not set", () => {
    const env = readEnv({ PORT: "", DATABASE_URL: "", DATA_DIR: "", FORM_SECRET: "", CONTACT_EMAIL: "" });
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DATA_DIR).toBe("./data");
    expect(env.FORM_SECRET).toBeUndefined();
    expect(env.CONTACT_EMAIL).toBeUndefined();
  });

  it.each([
    [{ PORT: "abc" }, "PORT: ska vara ett heltal från 0 till 65535"],
    [{ PORT: "70000" }, "PORT: ska vara ett heltal från 0 till 65535"],
    [{ PORT: "30.5" }, "PORT: ska vara ett heltal från 0 till 65535"],
    [{ SMTP_PORT: "x" }, "SMTP_PORT: ska vara ett heltal från 1 till 65535"],
    [{ RATE_COMMENTS: "-5/600" }, "RATE_COMMENTS: ska skrivas antal/sekunder med två heltal större än 0, t.ex. 30/600"],
    [{ RATE_IDEAS: "0/3600" }, "RATE_IDEAS: ska skrivas antal/sekunder med två heltal större än 0, t.ex. 30/600"],
    [{ RATE_CONTACT: "5" }, "RATE_CONTACT: ska skrivas antal/sekunder"],
    [{ SESSION_IDLE_HOURS: "0" }, "SESSION_IDLE_HOURS: ska vara ett tal större än 0"],
    [{ SESSION_MAX_DAYS: "en månad" }, "SESSION_MAX_DAYS: ska vara ett tal större än 0"],
    [{ PAGE_CACHE_SECONDS: "7200" }, "PAGE_CACHE_SECONDS: ska vara ett tal, 0 eller större och högst 3600"],
    [{ CONTACT_MIN_FILL_SECONDS: "-1" }, "CONTACT_MIN_FILL_SECONDS: ska vara ett tal, 0 eller större"],
    [{ SMTP_SECURE: "yes" }, 'SMTP_SECURE: ska vara "true" eller "false"'],
    [{ SECURE_COOKIES: "1" }, 'SECURE_COOKIES: ska vara "true" eller "false"'],
    [{ STAFF_2FA: "always" }, 'STAFF_2FA: ska vara "required" eller "optional"'],
    [{ LOG_LEVEL: "loud" }, 'LOG_LEVEL: ska vara "fatal", "error", "warn", "info", "debug", "trace" eller "silent"'],
    [{ NODE_ENV: "prod" }, 'NODE_ENV: ska vara "development", "production" eller "test"'],
    [{ PUBLIC_URL: "forum.example.se" }, "PUBLIC_URL: ska vara en webbadress som börjar med http:// eller https://"],
    [{ PUBLIC_URL: "ftp://forum.example.se" }, "PUBLIC_URL: ska vara en webbadress som börjar med http:// eller https://"],
    [{ DATABASE_URL: "mysql://localhost/forum" }, "DATABASE_URL: ska vara en PostgreSQL-adress som börjar med postgres://"],
    [
      { CONTACT_EMAIL: "kontakt@example.se, labbet" },
      "CONTACT_EMAIL: ska vara en eller flera e-postadresser åtskilda med kommatecken",
    ],
    [{ FORM_SECRET: "kort" }, "FORM_SECRET: ska vara minst 32 tecken långt"],
  ])("refuses %o, naming the variable and why", (source, message) => {
    const text = failure(source);
    expect(text.startsWith("Ogiltig konfiguration i miljövariablerna:\n")).toBe(true);
    expect(text).toContain(`\n  ${message}`);
  });

  it("names every bad variable at once, one to a line, without echoing a secret", () => {
    const text = failure({ PORT: "abc", SMTP_PORT: "x", RATE_VOTES: "många", FORM_SECRET: "hemlig-men-för-kort" });
    expect(text.split("\n").slice(1)).toEqual([
      "  PORT: ska vara ett heltal från 0 till 65535",
      "  FORM_SECRET: ska vara minst 32 tecken långt",
      "  SMTP_PORT: ska vara ett heltal från 1 till 65535",
      "  RATE_VOTES: ska skrivas antal/sekunder med två heltal större än 0, t.ex. 30/600",
    ]);
    expect(text).not.toContain("hemlig-men-för-kort");
  });
});
