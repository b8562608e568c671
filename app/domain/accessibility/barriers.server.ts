import { inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { barrierReports, users, type Locale } from "../../../db/schema";
import { enqueueMail } from "../mail/outbox.server";
import type { BarrierInput } from "./schemas";

/** Keeps the report and, in the same transaction, queues a mail about it to the admins (in the reporter's language). */
export async function saveBarrierReport(db: Db, input: BarrierInput & { reporterId: string | null }, locale: Locale = "sv") {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(barrierReports)
      .values({
        page: input.page,
        description: input.description,
        contactEmail: input.contactEmail ?? null,
        reporterId: input.reporterId,
      })
      .returning();
    const data = { page: row.page, description: row.description, contact: row.contactEmail ?? "–" };
    await enqueueMail(
      tx,
      (await staffAddresses(tx)).map((to) => ({ to, locale, template: "accessibility-report" as const, data })),
    );
    return row;
  });
}

/** Whom to tell: the administrators, who own the accessibility statement. */
export async function staffAddresses(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .select({ email: users.email })
    .from(users)
    .where(inArray(users.role, ["admin"]));
  return rows.map((r) => r.email);
}
