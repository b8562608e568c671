import { eq, sql, and } from "drizzle-orm";
import type { Db } from "./client";
import { users, partners, focusAreas, challenges, challengeOwners, ideas, comments, ideaSupports } from "./schema";
import { newId } from "./ids";
import { hashPassword } from "./password";
import { hotScoreSql } from "./ranking";
import { seedLabProject } from "./seed-lab";
import { seedSite } from "./seed-site";
import {
  partnerSeeds,
  focusAreaSeeds,
  challengeSeeds,
  closedChallengeSlugs,
  demoUsers,
  demoPassword,
  ideaSeeds,
  commentSeeds,
} from "./seed-data";

export { demoUsers, demoPassword };

/** True when the database holds no focus areas yet (a fresh install). */
export async function isEmpty(db: Db): Promise<boolean> {
  const rows = await db.select({ id: focusAreas.id }).from(focusAreas).limit(1);
  return rows.length === 0;
}

/** Inserts the demo content. Running it again adds nothing that is already there. */
export async function seed(db: Db): Promise<void> {
  const passwordHash = await hashPassword(demoPassword);
  await db.transaction(async (tx) => {
    for (const p of partnerSeeds) await tx.insert(partners).values(p).onConflictDoNothing();
    for (const f of focusAreaSeeds) await tx.insert(focusAreas).values(f).onConflictDoNothing();
    for (const u of demoUsers) {
      await tx
        .insert(users)
        .values({ id: newId(), email: u.email, displayName: u.displayName, role: u.role, passwordHash })
        .onConflictDoNothing();
    }

    const areaIds = new Map((await tx.select().from(focusAreas)).map((f) => [f.slug, f.id]));
    const partnerIds = new Map((await tx.select().from(partners)).map((p) => [p.slug, p.id]));
    for (const c of challengeSeeds) {
      const [row] = await tx
        .insert(challenges)
        .values({
          slug: c.slug,
          focusAreaId: areaIds.get(c.focusArea)!,
          title: c.title,
          summary: c.summary,
          description: c.description,
          sdgGoals: c.goals,
          perspectives: c.perspectives,
          supportThreshold: c.threshold ?? 25,
          status: closedChallengeSlugs.includes(c.slug) ? "closed" : "open",
        })
        .onConflictDoNothing()
        .returning({ id: challenges.id });
      if (!row) continue;
      for (const owner of c.owners) {
        await tx
          .insert(challengeOwners)
          .values({ challengeId: row.id, partnerId: partnerIds.get(owner)! })
          .onConflictDoNothing();
      }
    }

    const userIds = new Map((await tx.select({ id: users.id, email: users.email }).from(users)).map((u) => [u.email, u.id]));
    const challengeIds = new Map(
      (await tx.select({ id: challenges.id, slug: challenges.slug }).from(challenges)).map((c) => [c.slug, c.id]),
    );
    // Demo content is spread over the past weeks so that dates and the "Populära" sort look real.
    const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 3600 * 1000);
    for (const [index, idea] of ideaSeeds.entries()) {
      const postedDaysAgo = 21 - index * 4;
      const challengeId = challengeIds.get(idea.challenge)!;
      const existing = await tx
        .select({ id: ideas.id })
        .from(ideas)
        .where(and(eq(ideas.challengeId, challengeId), eq(ideas.title, idea.title)))
        .limit(1);
      if (existing.length > 0) continue;
      const [row] = await tx
        .insert(ideas)
        .values({
          challengeId,
          authorId: userIds.get(idea.author)!,
          title: idea.title,
          body: idea.body,
          createdAt: daysAgo(postedDaysAgo),
          lastActivityAt: daysAgo(postedDaysAgo - 1),
        })
        .returning({ id: ideas.id });
      for (const supporter of idea.supporters) {
        await tx.insert(ideaSupports).values({ ideaId: row.id, userId: userIds.get(supporter)! });
      }
      for (const [n, c] of commentSeeds.filter((c) => c.idea === idea.title).entries()) {
        const [top] = await tx
          .insert(comments)
          .values({ ideaId: row.id, authorId: userIds.get(c.author)!, body: c.body, createdAt: daysAgo(postedDaysAgo - 1 - n) })
          .returning({ id: comments.id });
        await tx.update(comments).set({ rootId: top.id }).where(eq(comments.id, top.id));
        for (const reply of c.replies) {
          await tx.insert(comments).values({
            ideaId: row.id,
            parentId: top.id,
            rootId: top.id,
            depth: 1,
            authorId: userIds.get(reply.author)!,
            body: reply.body,
            createdAt: daysAgo(postedDaysAgo - 1.5 - n),
          });
        }
      }
    }
    // Counters are derived from the rows the seed just wrote.
    await tx.execute(sql`
      update ideas set
        support_count = (select count(*) from idea_supports s where s.idea_id = ideas.id),
        comment_count = (select count(*) from comments c where c.idea_id = ideas.id and c.deleted_at is null)`);
    await tx.execute(sql`update ideas set hot_score = ${hotScoreSql}`);
    await seedLabProject(tx, userIds);
    await seedSite(tx, userIds.get("labbet@example.se")!);
  });
}
