import { z } from "zod";

// An empty variable (DATABASE_URL= in a .env file) means "not set", as it does for the CLIs.
const optionalUrl = z.preprocess((v) => (v === "" ? undefined : v), z.string().url().optional());

/** Server configuration from the environment, validated once at start-up. */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: optionalUrl,
  DATA_DIR: z.string().default("./data"),
  PUBLIC_URL: optionalUrl,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SECURE_COOKIES: z.enum(["true", "false"]).optional(),
  STAFF_2FA: z.enum(["required", "optional"]).optional(),
  SESSION_IDLE_HOURS: z.coerce.number().positive().optional(),
  SESSION_MAX_DAYS: z.coerce.number().positive().optional(),
  /** How long a page for visitors who are not signed in may be served from memory; 0 turns it off. */
  PAGE_CACHE_SECONDS: z.coerce.number().min(0).max(3600).default(10),
  /** The key forms are signed with; without it, one kept in the database (server_secrets) that every process shares. */
  FORM_SECRET: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(32).optional()),
});

export type Env = z.infer<typeof envSchema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Ogiltig konfiguration i miljövariablerna:\n${lines}`);
  }
  return parsed.data;
}
