import { randomBytes } from "node:crypto";
import { like } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx, Tx } from "../../../db/client";

const swedish: Record<string, string> = { å: "a", ä: "a", ö: "o", é: "e", ü: "u" };

/** A readable address part from a title: lower case, ASCII, words joined by hyphens, at most 60 characters. */
export function slugify(title: string, fallback = "projekt"): string {
  const base = title
    .toLowerCase()
    .replace(/[åäöéü]/g, (c) => swedish[c] ?? c)
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
  return base || fallback;
}

/** Whether an error (or one in its cause chain: drizzle wraps the driver's) is a unique violation on this constraint. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const e = current as { code?: unknown; constraint_name?: unknown; constraint?: unknown };
    // postgres.js names it constraint_name, PGlite constraint.
    if (e.code === "23505" && (e.constraint_name === constraint || e.constraint === constraint)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** The first of base, base-2, base-3 … that no committed row (or this transaction) uses yet. */
async function firstFree(tx: DbOrTx, target: SlugTarget, base: string): Promise<string> {
  const pattern = `${base.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await tx.select({ slug: target.column }).from(target.table).where(like(target.column, pattern));
  const taken = new Set(rows.map((r) => r.slug as string));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export interface SlugTarget {
  table: PgTable;
  /** The slug column of the table (e.g. labProjects.slug). */
  column: AnyPgColumn;
  /** The unique constraint on that column (e.g. "lab_projects_slug_key"). */
  constraint: string;
}

const maxCounted = 20;

/**
 * Inserts a row under a slug nobody has: it takes the first free of base, base-2, base-3 …, and when
 * a concurrent transaction committed the same slug first (unique violation on the constraint) it
 * rolls back to a savepoint and tries the next one; after a few clashes it adds a random suffix.
 * Any other error goes to the caller unchanged.
 */
export async function insertWithUniqueSlug<T>(
  tx: Tx,
  target: SlugTarget,
  base: string,
  insert: (slug: string, tx: Tx) => Promise<T>,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const slug = attempt < maxCounted ? await firstFree(tx, target, base) : `${base}-${randomBytes(4).toString("hex")}`;
    try {
      // A nested transaction is a savepoint: a clash undoes only this insert, not the caller's work.
      return await tx.transaction((savepoint) => insert(slug, savepoint));
    } catch (error) {
      if (!isUniqueViolation(error, target.constraint) || attempt >= maxCounted + 4) throw error;
    }
  }
}
