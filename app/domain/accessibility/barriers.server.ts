import { desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { barrierReports, users } from "../../../db/schema";
import type { BarrierInput } from "./schemas";

export async function saveBarrierReport(db: Db, input: BarrierInput & { reporterId: string | null }) {
  const [row] = await db
    .insert(barrierReports)
    .values({
      page: input.page,
      description: input.description,
      contactEmail: input.contactEmail ?? null,
      reporterId: input.reporterId,
    })
    .returning();
  return row;
}

export function latestBarrierReports(db: Db, limit = 50) {
  return db.select().from(barrierReports).orderBy(desc(barrierReports.id)).limit(limit);
}

export async function barrierReport(db: Db, id: number) {
  const [row] = await db.select().from(barrierReports).where(eq(barrierReports.id, id));
  return row;
}

/** Whom to tell: the administrators, who own the accessibility statement. */
export async function staffAddresses(db: Db): Promise<string[]> {
  const rows = await db.select({ email: users.email }).from(users).where(inArray(users.role, ["admin"]));
  return rows.map((r) => r.email);
}
