import { and, eq } from "drizzle-orm";
import type { Tx } from "./client";
import {
  challenges,
  challengeOwners,
  follows,
  ideaReviews,
  ideas,
  ideaSupports,
  labProjects,
  moderationActions,
  projectIdeas,
  projectPartners,
  projectUpdates,
} from "./schema";
import { labProjectSeed } from "./seed-data";

/** Promotes the seeded breakfast-club idea into an ongoing lab project with one update (once). */
export async function seedLabProject(tx: Tx, userIds: Map<string, string>): Promise<void> {
  const existing = await tx.select({ id: labProjects.id }).from(labProjects).where(eq(labProjects.slug, labProjectSeed.slug));
  if (existing.length > 0) return;
  const [idea] = await tx.select().from(ideas).where(eq(ideas.title, labProjectSeed.idea));
  if (!idea || idea.status !== "open") return;
  const [challenge] = await tx.select().from(challenges).where(eq(challenges.id, idea.challengeId));
  const lead = userIds.get(labProjectSeed.lead)!;
  const supporters = (
    await tx.select({ userId: ideaSupports.userId }).from(ideaSupports).where(eq(ideaSupports.ideaId, idea.id))
  ).map((s) => s.userId);
  const created = new Date(Date.now() - 14 * 24 * 3600 * 1000);
  const started = new Date(Date.now() - 7 * 24 * 3600 * 1000);
  const [project] = await tx
    .insert(labProjects)
    .values({
      slug: labProjectSeed.slug,
      title: labProjectSeed.title,
      summary: labProjectSeed.summary,
      status: "ongoing",
      challengeId: challenge.id,
      sdgGoals: challenge.sdgGoals,
      perspectives: challenge.perspectives,
      leadId: lead,
      createdAt: created,
      statusChangedAt: started,
    })
    .returning();
  const owners = await tx
    .select()
    .from(challengeOwners)
    .where(and(eq(challengeOwners.challengeId, challenge.id)));
  if (owners.length)
    await tx.insert(projectPartners).values(owners.map((o) => ({ projectId: project.id, partnerId: o.partnerId })));
  await tx.insert(projectIdeas).values({ projectId: project.id, ideaId: idea.id, supportCountAtPromotion: supporters.length });
  await tx
    .insert(ideaReviews)
    .values({ ideaId: idea.id, reachedAt: null, supportCountAtReady: supporters.length, threshold: challenge.supportThreshold });
  await tx.update(ideas).set({ status: "promoted" }).where(eq(ideas.id, idea.id));
  await tx.insert(projectUpdates).values([
    {
      projectId: project.id,
      authorId: lead,
      kind: "status",
      body: labProjectSeed.reason,
      toStatus: "upcoming",
      createdAt: created,
    },
    {
      projectId: project.id,
      authorId: lead,
      kind: "status",
      body: "",
      fromStatus: "upcoming",
      toStatus: "ongoing",
      createdAt: started,
    },
    { projectId: project.id, authorId: lead, kind: "update", body: labProjectSeed.update, createdAt: started },
  ]);
  await tx.insert(moderationActions).values([
    {
      actorId: lead,
      action: "idea.promote",
      targetType: "idea",
      targetId: String(idea.id),
      reason: labProjectSeed.reason,
      details: { projectId: project.id, projectSlug: project.slug, projectTitle: project.title, belowThreshold: true },
      createdAt: created,
    },
    {
      actorId: lead,
      action: "project.create",
      targetType: "project",
      targetId: String(project.id),
      reason: labProjectSeed.reason,
      createdAt: created,
    },
    {
      actorId: lead,
      action: "project.status",
      targetType: "project",
      targetId: String(project.id),
      details: { from: "upcoming", to: "ongoing" },
      createdAt: started,
    },
  ]);
  const audience = [...new Set([idea.authorId, ...supporters])];
  await tx
    .insert(follows)
    .values(audience.map((userId) => ({ userId, targetType: "project" as const, targetId: project.id })))
    .onConflictDoNothing();
}
