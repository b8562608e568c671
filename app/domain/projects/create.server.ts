import { eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "../../../db/client";
import { challengeOwners, challenges, labProjects, partners, projectPartners, projectUpdates, users } from "../../../db/schema";
import { recordAudit } from "../audit/audit.server";
import { insertWithUniqueSlug, slugify } from "../site/slugs.server";
import type { Result } from "../result";

export type CreateProblem = "invalid_lead" | "challenge_not_found" | "invalid_partner";

export interface NewProject {
  actorId: string;
  title: string;
  summary: string;
  leadId: string;
  challengeId: number | null;
  /** Empty: the challenge's owners. */
  partnerIds: number[];
  /** Public note that goes with the creation in the project's history. */
  reason?: string | null;
}

export { slugify } from "../site/slugs.server";

/**
 * Creates a project (status upcoming) inside the caller's transaction: goals and perspectives
 * from the challenge, partners as given or the challenge's owners, a first timeline entry and
 * a public audit entry.
 */
export async function insertProject(
  tx: Tx,
  input: NewProject,
): Promise<Result<CreateProblem, { project: typeof labProjects.$inferSelect }>> {
  const [lead] = await tx.select({ role: users.role }).from(users).where(eq(users.id, input.leadId));
  if (!lead || (lead.role !== "lab_staff" && lead.role !== "admin")) return { ok: false, problem: "invalid_lead" };
  let challenge: typeof challenges.$inferSelect | undefined;
  if (input.challengeId !== null) {
    [challenge] = await tx.select().from(challenges).where(eq(challenges.id, input.challengeId));
    if (!challenge) return { ok: false, problem: "challenge_not_found" };
  }
  let partnerIds = [...new Set(input.partnerIds)];
  if (partnerIds.length > 0) {
    const found = await tx.select({ id: partners.id }).from(partners).where(inArray(partners.id, partnerIds));
    if (found.length !== partnerIds.length) return { ok: false, problem: "invalid_partner" };
  } else if (challenge) {
    partnerIds = (
      await tx
        .select({ id: challengeOwners.partnerId })
        .from(challengeOwners)
        .where(eq(challengeOwners.challengeId, challenge.id))
    ).map((r) => r.id);
  }
  const now = new Date();
  // Two promotions with the same title at once: the second takes the next free slug instead of failing.
  const [project] = await insertWithUniqueSlug(
    tx,
    { table: labProjects, column: labProjects.slug, constraint: "lab_projects_slug_key" },
    slugify(input.title),
    (slug, savepoint) =>
      savepoint
        .insert(labProjects)
        .values({
          slug,
          title: input.title,
          summary: input.summary,
          challengeId: challenge?.id ?? null,
          sdgGoals: challenge?.sdgGoals ?? [],
          perspectives: challenge?.perspectives ?? [],
          leadId: input.leadId,
          createdAt: now,
          statusChangedAt: now,
        })
        .returning(),
  );
  if (partnerIds.length > 0) {
    await tx.insert(projectPartners).values(partnerIds.map((partnerId) => ({ projectId: project.id, partnerId })));
  }
  await tx.insert(projectUpdates).values({
    projectId: project.id,
    authorId: input.actorId,
    kind: "status",
    body: input.reason ?? "",
    fromStatus: null,
    toStatus: "upcoming",
    createdAt: now,
  });
  await recordAudit(tx, {
    actorId: input.actorId,
    action: "project.create",
    targetType: "project",
    targetId: project.id,
    reason: input.reason ?? null,
    details: { slug: project.slug, title: project.title },
  });
  return { ok: true, project };
}

/** A project created directly by staff, without an origin idea. */
export async function createProject(db: Db, input: NewProject) {
  return db.transaction((tx) => insertProject(tx, input));
}
