import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../support/databases";
import { ideas, mailOutbox, notifications, users } from "../../db/schema";
import {
  countUnread,
  listNotifications,
  markAllRead,
  markRead,
  notifyUsers,
} from "../../app/domain/notifications/notifications.server";
import { getPreferences, savePreferences } from "../../app/domain/notifications/preferences.server";
import { createResidents } from "./ideas-fixtures";
import { makeChallenge, makePerson } from "../support/factories";
import { createIdea, updateIdea } from "../../app/domain/ideas/ideas.server";
import { getI18n } from "../../app/ui/i18n";
import { notificationText } from "../../app/ui/notification-text";
import { createComment } from "../../app/domain/comments/comments.server";
import { isFollowing } from "../../app/domain/notifications/notifications.server";

describe.each(databaseKinds)("notifications on %s", (kind) => {
  let database: TestDatabase;
  let db: TestDatabase["db"];

  beforeAll(async () => {
    database = await createTestDatabase(kind, { seed: false });
    db = database.db;
  });
  afterAll(() => database?.close());

  const input = {
    kind: "project.update",
    data: { projectTitle: "Läxhjälp", projectSlug: "laxhjalp" },
    link: "/projekt/laxhjalp",
  };

  it("honours each user's choice per kind and channel", async () => {
    const [both, appOnly, emailOnly, none] = await createResidents(db, 4, "val");
    await savePreferences(db, appOnly, [{ kind: "project.update", inApp: true, email: false }]);
    await savePreferences(db, emailOnly, [{ kind: "project.update", inApp: false, email: true }]);
    await savePreferences(db, none, [{ kind: "project.update", inApp: false, email: false }]);
    const events = await db.transaction((tx) => notifyUsers(tx, [both, appOnly, emailOnly, none, both], input));
    expect(events.map((e) => e.room).sort()).toEqual([`user:${appOnly}`, `user:${both}`].sort());
    expect(await countUnread(db, both)).toBe(1);
    expect(await countUnread(db, appOnly)).toBe(1);
    expect(await countUnread(db, emailOnly)).toBe(0);
    expect(await listNotifications(db, none)).toHaveLength(0);
    const [mailed] = await listNotifications(db, emailOnly);
    expect(mailed.emailStatus).toBe("queued");
    expect((await listNotifications(db, appOnly))[0].emailStatus).toBeNull();
    // The mails themselves are in the outbox, written in the same transaction: one per user who wants one.
    const addresses = await db
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(inArray(users.id, [both, appOnly, emailOnly, none]));
    const emailOf = new Map(addresses.map((a) => [a.id, a.email]));
    const queued = await db
      .select()
      .from(mailOutbox)
      .where(inArray(mailOutbox.to, [...emailOf.values()]));
    expect(queued.map((m) => m.to).sort()).toEqual([emailOf.get(both), emailOf.get(emailOnly)].sort());
    expect(queued.every((m) => m.template === "notification" && m.status === "pending")).toBe(true);
    expect(queued[0].data).toEqual({ kind: input.kind, data: input.data, link: input.link });
    const prefs = await getPreferences(db, appOnly);
    expect(prefs.find((p) => p.kind === "project.update")).toEqual({ kind: "project.update", inApp: true, email: false });
    expect(prefs.find((p) => p.kind === "idea.promoted")).toEqual({ kind: "idea.promoted", inApp: true, email: true });
  });

  it("tells the idea's author and the replied-to commenter about replies, and commenting follows the idea", async () => {
    const author = (await makePerson(db, { name: "Amina Invånare" })).id;
    const [first, second] = await createResidents(db, 2, "svar");
    const idea = await createIdea(db, {
      challengeId: (await makeChallenge(db)).id,
      authorId: author,
      title: "Sagostund på lördagar",
      body: "Text",
    });
    if (!idea.ok) throw new Error(idea.problem);
    const top = await createComment(db, { ideaId: idea.ideaId, authorId: first, body: "Bra idé!" });
    if (!top.ok) throw new Error(top.problem);
    const reply = await createComment(db, {
      ideaId: idea.ideaId,
      authorId: second,
      body: "Håller med.",
      parentId: top.commentId,
    });
    if (!reply.ok) throw new Error(reply.problem);
    const own = await createComment(db, { ideaId: idea.ideaId, authorId: author, body: "Tack!", parentId: top.commentId });
    if (!own.ok) throw new Error(own.problem);
    const replies = (user: string) =>
      db
        .select()
        .from(notifications)
        .where(eq(notifications.userId, user))
        .then((rows) => rows.filter((n) => n.kind === "comment.reply" && (n.data as { ideaId: number }).ideaId === idea.ideaId));
    expect((await replies(author)).map((n) => (n.data as { name: string }).name).sort()).toEqual(["svar 0", "svar 1"]);
    expect((await replies(first)).map((n) => (n.data as { name: string }).name).sort()).toEqual(["Amina Invånare", "svar 1"]);
    expect(await replies(second)).toHaveLength(0);
    expect(reply.events.some((e) => e.room === `user:${first}` && e.type === "notification.created")).toBe(true);
    expect(await isFollowing(db, first, "idea", idea.ideaId)).toBe(true);
    expect(await isFollowing(db, second, "idea", idea.ideaId)).toBe(true);
  });

  it("shows the idea's title as it is now, and none once the idea is hidden", async () => {
    const author = (await makePerson(db, { name: "Amina Invånare" })).id;
    const [replier] = await createResidents(db, 1, "titel");
    const idea = await createIdea(db, {
      challengeId: (await makeChallenge(db)).id,
      authorId: author,
      title: "Läsecirkel med Anna Svensson 070-1234567",
      body: "Text",
    });
    if (!idea.ok) throw new Error(idea.problem);
    const reply = await createComment(db, { ideaId: idea.ideaId, authorId: replier, body: "Bra!" });
    if (!reply.ok) throw new Error(reply.problem);
    const titleShown = async () =>
      (await listNotifications(db, author))
        .filter((n) => (n.data as { ideaId?: number }).ideaId === idea.ideaId)
        .map((n) => (n.data as { ideaTitle: string | null }).ideaTitle);
    expect(await titleShown()).toEqual(["Läsecirkel med Anna Svensson 070-1234567"]);
    const edited = await updateIdea(db, { ideaId: idea.ideaId, editorId: author, title: "Läsecirkel", body: "Text" });
    if (!edited.ok) throw new Error(edited.problem);
    expect(await titleShown()).toEqual(["Läsecirkel"]);
    // The stored row still has the old title; what is listed does not.
    await db.update(ideas).set({ hidden: true }).where(eq(ideas.id, idea.ideaId));
    expect(await titleShown()).toEqual([null]);
    const t = getI18n("sv").t;
    const [shown] = (await listNotifications(db, author)).filter((n) => (n.data as { ideaId?: number }).ideaId === idea.ideaId);
    expect(notificationText(t, shown!)).toBe("titel 0 svarade på ”en borttagen idé”.");
  });

  it("marks one or all read, and never another user's", async () => {
    const [me, someoneElse] = await createResidents(db, 2, "läst");
    await db.transaction((tx) => notifyUsers(tx, [me], input));
    await db.transaction((tx) => notifyUsers(tx, [me, someoneElse], input));
    const [mine] = await listNotifications(db, me);
    const [theirs] = await listNotifications(db, someoneElse);
    expect(await markRead(db, me, theirs.id)).toBe(false);
    expect(await countUnread(db, someoneElse)).toBe(1);
    expect(await markRead(db, me, mine.id)).toBe(true);
    expect(await countUnread(db, me)).toBe(1);
    expect(await markRead(db, me, -5)).toBe(false);
    await markAllRead(db, me);
    expect(await countUnread(db, me)).toBe(0);
  });
});
