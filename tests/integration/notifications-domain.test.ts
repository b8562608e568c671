import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../support/databases";
import { notifications } from "../../db/schema";
import {
  countUnread,
  listNotifications,
  markAllRead,
  markRead,
  notifyUsers,
} from "../../app/domain/notifications/notifications.server";
import { getPreferences, savePreferences } from "../../app/domain/notifications/preferences.server";
import { createMailer, deliverOwedEmails } from "../../app/utils/mail.server";
import { challengeId, createResidents, userId } from "./ideas-fixtures";
import { createIdea } from "../../app/domain/ideas/ideas.server";
import { createComment } from "../../app/domain/comments/comments.server";
import { isFollowing } from "../../app/domain/notifications/notifications.server";

/** A minimal SMTP server on a free port that keeps what it receives (a real socket, no TLS). */
async function startSmtpServer() {
  const received: string[] = [];
  const server = net.createServer((socket) => {
    let inData = false;
    let buffer = "";
    let message = "";
    socket.write("220 test ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      let index: number;
      while ((index = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, index);
        buffer = buffer.slice(index + 2);
        if (inData) {
          if (line === ".") {
            inData = false;
            received.push(message);
            message = "";
            socket.write("250 OK queued\r\n");
          } else message += `${line}\n`;
        } else if (/^(EHLO|HELO)/i.test(line)) socket.write("250-test\r\n250 8BITMIME\r\n");
        else if (/^DATA/i.test(line)) {
          inData = true;
          socket.write("354 go ahead\r\n");
        } else if (/^QUIT/i.test(line)) socket.end("221 bye\r\n");
        else socket.write("250 OK\r\n");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe.each(databaseKinds)("notifications on %s", (kind) => {
  let database: TestDatabase;
  let db: TestDatabase["db"];

  beforeAll(async () => {
    database = await createTestDatabase(kind, { seed: true });
    db = database.db;
  });
  afterAll(() => database?.close());

  const input = { kind: "project.update", data: { projectTitle: "Läxhjälp", projectSlug: "laxhjalp" }, link: "/projekt/laxhjalp" };

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
    expect(mailed.emailStatus).toBe("pending");
    expect((await listNotifications(db, appOnly))[0].emailStatus).toBeNull();
    const prefs = await getPreferences(db, appOnly);
    expect(prefs.find((p) => p.kind === "project.update")).toEqual({ kind: "project.update", inApp: true, email: false });
    expect(prefs.find((p) => p.kind === "idea.promoted")).toEqual({ kind: "idea.promoted", inApp: true, email: true });
  });

  it("tells the idea's author and the replied-to commenter about replies, and commenting follows the idea", async () => {
    const author = await userId(db, "invanare@example.se");
    const [first, second] = await createResidents(db, 2, "svar");
    const idea = await createIdea(db, { challengeId: await challengeId(db, "lasglada-barn"), authorId: author, title: "Sagostund på lördagar", body: "Text" });
    if (!idea.ok) throw new Error(idea.problem);
    const top = await createComment(db, { ideaId: idea.ideaId, authorId: first, body: "Bra idé!" });
    if (!top.ok) throw new Error(top.problem);
    const reply = await createComment(db, { ideaId: idea.ideaId, authorId: second, body: "Håller med.", parentId: top.commentId });
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

  it("sends owed emails through SMTP when SMTP settings are present", async () => {
    const smtp = await startSmtpServer();
    try {
      const [reader] = await createResidents(db, 1, "smtp");
      await db.transaction((tx) =>
        notifyUsers(tx, [reader], { kind: "project.update", data: { projectTitle: "Läsombud" }, link: "/projekt/lasombud" }),
      );
      const mailer = createMailer({ SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port), SMTP_FROM: "forum@example.se" });
      expect(mailer.kind).toBe("smtp");
      await deliverOwedEmails(db, "http://forum.test", mailer);
      const mine = smtp.received.filter((m) => m.includes("http://forum.test/projekt/lasombud"));
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatch(/^To: smtp0-/m);
      const rows = await db.select().from(notifications).where(eq(notifications.userId, reader));
      expect(rows[0].emailStatus).toBe("sent");
    } finally {
      await smtp.close();
    }
  });

  it("writes owed emails to the outbox folder once, in the user's language", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "sf-mail-"));
    const [reader] = await createResidents(db, 1, "epost");
    await db.transaction((tx) =>
      notifyUsers(tx, [reader], { kind: "idea.declined", data: { ideaTitle: "Cykelbuss", reason: "Finns redan." }, link: "/ideer/1" }),
    );
    const mailer = createMailer({ MAIL_OUTBOX_DIR: dir });
    expect(mailer.kind).toBe("outbox");
    // Two deliveries at once still send each mail once.
    await Promise.all([deliverOwedEmails(db, "http://forum.test", mailer), deliverOwedEmails(db, "http://forum.test", mailer)]);
    await deliverOwedEmails(db, "http://forum.test", mailer);
    const files = await fs.readdir(dir);
    const mails = await Promise.all(files.map(async (f) => JSON.parse(await fs.readFile(path.join(dir, f), "utf8"))));
    const mine = mails.filter((m) => m.text.includes("Cykelbuss"));
    expect(mine).toHaveLength(1);
    expect(mine[0].subject).toContain("Idén ”Cykelbuss” avböjdes. Motivering: Finns redan.");
    expect(mine[0].text).toContain("http://forum.test/ideer/1");
    const rows = await db.select().from(notifications).where(eq(notifications.userId, reader));
    expect(rows[0].emailStatus).toBe("sent");
    await fs.rm(dir, { recursive: true, force: true });
  });
});
