import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase } from "../../db/client";
import { seed } from "../../db/seed";

/**
 * Test databases are copied from templates built once per run: PGlite from a dump of its data folder
 * (initdb alone takes about two seconds), PostgreSQL with `create database … template …`. Each test
 * still runs the migrator on its copy, which finds nothing to do, so a template that lags behind the
 * migrations would be caught rather than hidden.
 */
export type TemplateKind = "empty" | "seeded";
export const templateKinds: TemplateKind[] = ["empty", "seeded"];

/** Set by the global setup for the workers: the folder holding the PGlite dumps of this run. */
export const TEMPLATE_DIR_ENV = "SF_TEST_TEMPLATE_DIR";
/** Set by the global setup: the prefix of this run's PostgreSQL template databases. */
export const TEMPLATE_PG_ENV = "SF_TEST_TEMPLATE_PG";

export function pgliteDumpPath(dir: string, kind: TemplateKind): string {
  return path.join(dir, `pglite-${kind}.tar`);
}

export function postgresTemplateName(prefix: string, kind: TemplateKind): string {
  return `${prefix}_${kind}`;
}

const dumps = new Map<TemplateKind, Blob>();

/** This run's PGlite dump of the given template, or undefined when no global setup built one. */
export function pgliteTemplate(kind: TemplateKind): Blob | undefined {
  const dir = process.env[TEMPLATE_DIR_ENV];
  if (!dir) return undefined;
  let blob = dumps.get(kind);
  if (!blob) {
    blob = new Blob([fs.readFileSync(pgliteDumpPath(dir, kind))]);
    dumps.set(kind, blob);
  }
  return blob;
}

/** This run's PostgreSQL template database for the given kind, or undefined. */
export function postgresTemplate(kind: TemplateKind): string | undefined {
  const prefix = process.env[TEMPLATE_PG_ENV];
  return prefix ? postgresTemplateName(prefix, kind) : undefined;
}

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Builds this run's templates; returns what the workers need to find them and how to remove them. */
export async function buildTemplates(
  postgresUrl: string | undefined,
): Promise<{ env: Record<string, string>; remove(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "samhallsforum-test-templates-"));
  const env: Record<string, string> = { [TEMPLATE_DIR_ENV]: dir };
  for (const kind of templateKinds) {
    const database = await openDatabase({ dataDir: "memory://" });
    await database.migrate();
    if (kind === "seeded") await seed(database.db);
    const dump = await database.dump!();
    fs.writeFileSync(pgliteDumpPath(dir, kind), Buffer.from(await dump.arrayBuffer()));
    await database.close();
  }
  const prefix = `sf_template_${randomBytes(4).toString("hex")}`;
  if (postgresUrl) {
    const admin = postgres(postgresUrl, { max: 1, onnotice: () => {} });
    try {
      for (const kind of templateKinds) {
        const name = postgresTemplateName(prefix, kind);
        await admin.unsafe(`create database ${name}`);
        const database = await openDatabase({ url: databaseUrl(postgresUrl, name), max: 2 });
        await database.migrate();
        if (kind === "seeded") await seed(database.db);
        await database.close();
      }
    } finally {
      await admin.end();
    }
    env[TEMPLATE_PG_ENV] = prefix;
  }
  return {
    env,
    remove: async () => {
      fs.rmSync(dir, { recursive: true, force: true });
      if (!postgresUrl) return;
      const admin = postgres(postgresUrl, { max: 1, onnotice: () => {} });
      try {
        for (const kind of templateKinds)
          await admin.unsafe(`drop database if exists ${postgresTemplateName(prefix, kind)} with (force)`);
      } finally {
        await admin.end();
      }
    },
  };
}
