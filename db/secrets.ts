import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "./client";
import { serverSecrets } from "./schema";

/**
 * A secret every process on this database shares: the first process to ask makes it (insert … on
 * conflict do nothing), and every process, that one included, reads back the one that was kept.
 */
export async function sharedSecret(db: Db, name: string): Promise<string> {
  await db
    .insert(serverSecrets)
    .values({ name, value: randomBytes(32).toString("base64url") })
    .onConflictDoNothing();
  const [row] = await db.select({ value: serverSecrets.value }).from(serverSecrets).where(eq(serverSecrets.name, name));
  if (!row) throw new Error(`server secret ${name} is missing`);
  return row.value;
}

/** The secret, asked of the database once per process; a failure (database down) is asked again next time. */
export function cachedSecret(db: Db, name: string, configured?: string): () => Promise<string> {
  if (configured) return () => Promise.resolve(configured);
  let value: Promise<string> | undefined;
  return () => {
    value ??= sharedSecret(db, name).catch((error: unknown) => {
      value = undefined;
      throw error;
    });
    return value;
  };
}
