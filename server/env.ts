import path from "node:path";
import { z } from "zod";
import type { AppConfig, Limit, WriteLimits } from "../app/server-entry";
import type { MailerSettings } from "./mailer";

/**
 * Every environment variable of the server and the command-line tools, parsed here once at start-up
 * (server/index.ts, server/cluster.ts, db/cli-database.ts). Nothing else reads process.env: the
 * parsed values are handed on, to routes through the load context (context.config) and to the
 * server's parts through their options. README.md's table of environment variables lists exactly
 * these keys with the same defaults (server/env.test.ts checks it).
 *
 * Defaults are written as the variable would be, so the README and the schema can be compared.
 */

const integerPattern = /^\d+$/;
const decimalPattern = /^\d+(\.\d+)?$/;

/** A whole number from min to max, written in digits. */
function wholeNumber(min: number, max: number) {
  const message = `ska vara ett heltal från ${min} till ${max}`;
  return z
    .string()
    .trim()
    .regex(integerPattern, message)
    .transform(Number)
    .refine((n) => n >= min && n <= max, message);
}

/** A number such as 3 or 0.5; `positive` refuses 0. */
function decimal(options: { positive?: boolean; max?: number } = {}) {
  const { positive = false, max = Number.MAX_SAFE_INTEGER } = options;
  const message =
    (positive ? "ska vara ett tal större än 0" : "ska vara ett tal, 0 eller större") +
    (max < Number.MAX_SAFE_INTEGER ? ` och högst ${max}` : "");
  return z
    .string()
    .trim()
    .regex(decimalPattern, message)
    .transform(Number)
    .refine((n) => (positive ? n > 0 : n >= 0) && n <= max, message);
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  const quoted = values.map((v) => `"${v}"`);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(", ")} eller ${quoted.at(-1)}`;
  return z.enum(values, { errorMap: () => ({ message: `ska vara ${list}` }) });
}

/** `true` or `false`. */
const flag = () => oneOf(["true", "false"]).transform((v) => v === "true");

/** A write limit as `count/seconds`, e.g. `30/600`: at most 30 in 10 minutes. */
function rate() {
  const message = "ska skrivas antal/sekunder med två heltal större än 0, t.ex. 30/600";
  return z
    .string()
    .trim()
    .regex(/^\d+\/\d+$/, message)
    .transform((v): Limit => {
      const [points, seconds] = v.split("/").map(Number);
      return { points, seconds };
    })
    .refine((limit) => limit.points > 0 && limit.seconds > 0, message);
}

const webAddress = z
  .string()
  .url("ska vara en webbadress som börjar med http:// eller https://")
  .refine((v) => /^https?:\/\//i.test(v), "ska vara en webbadress som börjar med http:// eller https://");

const postgresAddress = z
  .string()
  .url("ska vara en PostgreSQL-adress, t.ex. postgres://användare:lösenord@värd:5432/databas")
  .refine((v) => /^postgres(ql)?:\/\//i.test(v), "ska vara en PostgreSQL-adress som börjar med postgres://");

const isEmail = (v: string) => z.string().email().safeParse(v).success;

/** One or more addresses separated by commas. */
const emailList = z
  .string()
  .transform((v) =>
    v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .refine((list) => list.length > 0 && list.every(isEmail), "ska vara en eller flera e-postadresser åtskilda med kommatecken");

export const envSchema = z.object({
  /** Set to production by `npm start`; production makes Remix hide error details from pages. */
  NODE_ENV: oneOf(["development", "production", "test"]).default("development"),
  PORT: wholeNumber(0, 65535).default("3000"),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: postgresAddress.optional(),
  DATA_DIR: z.string().default("./data"),
  PUBLIC_URL: webAddress.optional(),
  LOG_LEVEL: oneOf(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Without it, secure when PUBLIC_URL is https:. */
  SECURE_COOKIES: flag().optional(),
  /** Without it, required when cookies are secure. */
  STAFF_2FA: oneOf(["required", "optional"]).optional(),
  SESSION_IDLE_HOURS: decimal({ positive: true }).default("168"),
  SESSION_MAX_DAYS: decimal({ positive: true }).default("30"),
  /** How long a page for visitors who are not signed in may be served from memory; 0 turns it off. */
  PAGE_CACHE_SECONDS: decimal({ max: 3600 }).default("10"),
  /** The key forms are signed with; without it, one kept in the database (server_secrets) that every process shares. */
  FORM_SECRET: z.string().min(32, "ska vara minst 32 tecken långt").optional(),
  /** Without it, mail is written to the mail folder instead of sent. */
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: wholeNumber(1, 65535).default("587"),
  SMTP_SECURE: flag().default("false"),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_FROM: z.string().default("Samhällsforum <noreply@samhallsforum.se>"),
  /** Without it, <DATA_DIR>/mail-outbox. */
  MAIL_OUTBOX_DIR: z.string().optional(),
  RATE_IDEAS: rate().default("5/3600"),
  RATE_COMMENTS: rate().default("30/600"),
  RATE_VOTES: rate().default("120/600"),
  RATE_REPORTS: rate().default("20/3600"),
  RATE_BARRIERS: rate().default("5/3600"),
  RATE_CONTACT: rate().default("5/3600"),
  CONTACT_MIN_FILL_SECONDS: decimal().default("3"),
  /** Without it, contact mail goes to the administrators and lab staff. */
  CONTACT_EMAIL: emailList.optional(),
});

export type Env = z.infer<typeof envSchema>;

/** The variables of the schema, in its order. */
export const envVariables = envSchema.keyof().options;

/**
 * Parses the environment; a bad value throws one message that names every bad variable and why.
 * An empty variable (PORT= in a shell or a .env file) means "not set".
 */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const set = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = envSchema.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Ogiltig konfiguration i miljövariablerna:\n${lines}`);
  }
  return parsed.data;
}

/** What the server hands on to its parts, grouped by who uses it: routes get the AppConfig part. */
export interface ServerConfig extends AppConfig {
  rateLimits: WriteLimits;
  mail: MailerSettings;
}

export function serverConfig(env: Env): ServerConfig {
  return {
    session: { idleHours: env.SESSION_IDLE_HOURS, maxDays: env.SESSION_MAX_DAYS },
    contact: { minFillSeconds: env.CONTACT_MIN_FILL_SECONDS, recipients: env.CONTACT_EMAIL ?? [] },
    rateLimits: {
      ideas: env.RATE_IDEAS,
      comments: env.RATE_COMMENTS,
      votes: env.RATE_VOTES,
      reports: env.RATE_REPORTS,
      barriers: env.RATE_BARRIERS,
      contact: env.RATE_CONTACT,
    },
    mail: {
      smtp: env.SMTP_HOST
        ? {
            host: env.SMTP_HOST,
            port: env.SMTP_PORT,
            secure: env.SMTP_SECURE,
            user: env.SMTP_USER,
            password: env.SMTP_PASSWORD,
          }
        : undefined,
      from: env.SMTP_FROM,
      outboxDir: env.MAIL_OUTBOX_DIR ?? path.join(env.DATA_DIR, "mail-outbox"),
    },
  };
}

/** The configuration of a server started with no variable set: the schema's defaults. */
export const defaultConfig: ServerConfig = serverConfig(readEnv({}));
