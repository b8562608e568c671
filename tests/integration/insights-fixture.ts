import type { Db } from "../../db/client";
import {
  challenges,
  comments,
  focusAreas,
  ideaReviews,
  ideaSupports,
  ideas,
  labProjects,
  moderationActions,
  partners,
  projectIdeas,
  projectPartners,
  reports,
  reviewItems,
  users,
} from "../../db/schema";

/** "Now" for the fixture: Wednesday 18 June 2025, 14:00 in Stockholm. Its week starts on Monday 16 June. */
export const fixtureNow = new Date("2025-06-18T12:00:00Z");
const daysAgo = (days: number, hours = 0) => new Date(fixtureNow.getTime() - days * 86_400_000 + hours * 3_600_000);

/**
 * A small forum whose figures are worked out by hand in insights-domain.test.ts:
 * two focus areas (one challenge each), six ideas, two projects, lab decisions, reports and appeals.
 */
export async function insertInsightsFixture(db: Db) {
  const [u1, u2, u3, u4, staff] = ["u1", "u2", "u3", "u4", "staff"];
  await db.insert(users).values(
    [u1, u2, u3, u4, staff].map((id) => ({
      id,
      email: `${id}@example.se`,
      displayName: `Person ${id}`,
      passwordHash: "x",
      role: id === "staff" ? ("admin" as const) : ("resident" as const),
    })),
  );
  const [fa1, fa2] = await db
    .insert(focusAreas)
    .values([
      { slug: "omrade-a", name: "Område A", summary: "", description: "", position: 1 },
      { slug: "omrade-b", name: "Område B", summary: "", description: "", position: 2 },
    ])
    .returning();
  const [a, b] = await db
    .insert(challenges)
    .values([
      { slug: "utmaning-a", focusAreaId: fa1.id, title: "Utmaning A", summary: "", description: "", supportThreshold: 3 },
      { slug: "utmaning-b", focusAreaId: fa2.id, title: "Utmaning B", summary: "", description: "", supportThreshold: 3 },
    ])
    .returning();
  const [x, y] = await db
    .insert(partners)
    .values([
      { slug: "partner-x", name: "Partner X" },
      { slug: "partner-y", name: "Partner Y" },
    ])
    .returning();

  const idea = async (
    values: Partial<typeof ideas.$inferInsert> & { challengeId: number; authorId: string; createdAt: Date },
  ) => {
    const [row] = await db
      .insert(ideas)
      .values({ title: "Idé", body: "Text", ...values })
      .returning();
    return row.id;
  };
  const i1 = await idea({
    title: "Idé ett",
    challengeId: a.id,
    authorId: u1,
    createdAt: daysAgo(3),
    status: "promoted",
    supportCount: 3,
  });
  const i2 = await idea({ title: "Idé två", challengeId: a.id, authorId: u2, createdAt: daysAgo(1), supportCount: 1 });
  const i3 = await idea({ title: "Idé tre", challengeId: b.id, authorId: u1, createdAt: daysAgo(10), status: "declined" });
  const i4 = await idea({ title: "Idé fyra", challengeId: a.id, authorId: u3, createdAt: daysAgo(100), supportCount: 1 });
  await idea({
    title: "Dold idé",
    challengeId: b.id,
    authorId: u4,
    createdAt: daysAgo(2),
    hidden: true,
    hiddenReason: "moderator",
  });
  const i6 = await idea({ title: "Idé sex", challengeId: a.id, authorId: u2, createdAt: daysAgo(800), status: "promoted" });

  const [c1] = await db
    .insert(comments)
    .values([
      { ideaId: i1, authorId: u2, body: "Bra", createdAt: daysAgo(2) },
      { ideaId: i1, authorId: u3, body: "Håller med", createdAt: daysAgo(1) },
      { ideaId: i2, authorId: u4, body: "Dold", createdAt: daysAgo(1), hidden: true, hiddenReason: "moderator" },
      { ideaId: i4, authorId: u1, body: "Gammal", createdAt: daysAgo(90) },
    ])
    .returning();
  await db.insert(ideaSupports).values([
    { ideaId: i1, userId: u2, createdAt: daysAgo(2) },
    { ideaId: i1, userId: u3, createdAt: daysAgo(2) },
    { ideaId: i1, userId: u4, createdAt: daysAgo(2) },
    { ideaId: i2, userId: u1, createdAt: daysAgo(1) },
    { ideaId: i4, userId: u1, createdAt: daysAgo(95) },
  ]);
  await db.insert(ideaReviews).values([
    { ideaId: i1, reachedAt: daysAgo(2), supportCountAtReady: 3, threshold: 3 },
    { ideaId: i3, reachedAt: daysAgo(6), supportCountAtReady: 3, threshold: 3 },
    { ideaId: i6, reachedAt: daysAgo(790), supportCountAtReady: 3, threshold: 3 },
  ]);
  const [p1, p2] = await db
    .insert(labProjects)
    .values([
      {
        slug: "p1",
        title: "P1",
        summary: "",
        status: "ongoing",
        challengeId: a.id,
        sdgGoals: [3, 4],
        leadId: staff,
        createdAt: daysAgo(2),
      },
      {
        slug: "p2",
        title: "P2",
        summary: "",
        status: "completed",
        challengeId: a.id,
        sdgGoals: [4],
        leadId: staff,
        createdAt: daysAgo(700),
      },
    ])
    .returning();
  await db.insert(projectIdeas).values([
    { projectId: p1.id, ideaId: i1 },
    { projectId: p2.id, ideaId: i6 },
  ]);
  await db.insert(projectPartners).values([
    { projectId: p1.id, partnerId: x.id },
    { projectId: p2.id, partnerId: x.id },
    { projectId: p2.id, partnerId: y.id },
  ]);
  const action = (name: string, target: number, createdAt: Date) => ({
    actorId: staff,
    action: name,
    targetType: "idea",
    targetId: String(target),
    createdAt,
  });
  await db.insert(moderationActions).values([
    action("idea.promote", i1, daysAgo(2)),
    action("idea.decline", i3, daysAgo(5)),
    action("idea.promote", i6, daysAgo(780)),
    // Not a lab decision: must not count. A moderator's decision, as are the three below.
    action("idea.lock", i2, daysAgo(1)),
    { ...action("comment.hide", c1.id, daysAgo(2)), targetType: "comment" },
    { ...action("user.suspend", 0, daysAgo(3)), targetType: "user", targetId: u1 },
    action("idea.hide", i6, daysAgo(780)),
  ]);

  await db.insert(reports).values([
    { targetType: "comment", targetId: String(c1.id), reporterId: u4, reason: "offensive", createdAt: daysAgo(2) },
    { targetType: "user", targetId: u1, reporterId: u2, reason: "spam", createdAt: daysAgo(3) },
    { targetType: "idea", targetId: String(i3), reporterId: u2, reason: "off_topic", createdAt: daysAgo(8) },
  ]);
  await db.insert(reviewItems).values([
    {
      targetType: "comment",
      targetId: String(c1.id),
      status: "rejected",
      origin: "reports",
      createdAt: daysAgo(2),
      resolvedAt: daysAgo(2, 6),
      resolvedById: staff,
    },
    {
      targetType: "user",
      targetId: u1,
      status: "approved",
      origin: "reports",
      createdAt: daysAgo(3),
      resolvedAt: daysAgo(3, 2),
      resolvedById: staff,
    },
    {
      targetType: "comment",
      targetId: String(c1.id),
      status: "approved",
      origin: "appeal",
      createdAt: daysAgo(1),
      resolvedAt: daysAgo(1, 10),
      resolvedById: staff,
    },
    {
      targetType: "idea",
      targetId: String(i3),
      status: "rejected",
      origin: "appeal",
      createdAt: daysAgo(5),
      resolvedAt: daysAgo(5, 4),
      resolvedById: staff,
    },
    { targetType: "idea", targetId: String(i2), status: "pending", origin: "reports", createdAt: daysAgo(1) },
  ]);
  return { ideas: { i1, i2, i3, i4, i6 } };
}
