/**
 * The mail worker: mail queued in the outbox (mail_outbox) is sent by a worker inside the server,
 * retried with growing waits when the mail server refuses it, given up (and said so in the log)
 * after the last try, and sent exactly once however many workers claim at the same time.
 * Real SMTP over a socket and the real outbox-folder transport; no stand-ins.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray, sql } from "drizzle-orm";
import { pino } from "pino";
import { openDatabase, type Database } from "../../db/client";
import { mailOutbox, notifications } from "../../db/schema";
import { enqueueMail, type OutgoingMail } from "../../app/domain/mail/outbox.server";
import { notifyUsers } from "../../app/domain/notifications/notifications.server";
import { createMailer } from "../../server/mailer";
import { readEnv, serverConfig } from "../../server/env";
import { claimDueMail, retryDelayMs, startMailWorker } from "../../server/mail-worker";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../support/databases";
import { startSmtpServer } from "../support/smtp";
import { createResidents } from "./ideas-fixtures";
import { readOutbox } from "./site-support";

/** A pino logger whose lines the test can read. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: "info" }, stream), lines };
}

/** Mail settings as the server would parse them from these variables. */
const mailSettings = (env: Record<string, string>) => serverConfig(readEnv(env)).mail;

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await wait(25);
  }
}

const resetMail = (to: string, token = "abc"): OutgoingMail => ({
  to,
  template: "password-reset",
  data: { name: "Test", path: `/aterstall-losenord/${token}` },
});

describe.each(databaseKinds)("mail worker on %s", (kind) => {
  let database: TestDatabase;
  let db: TestDatabase["db"];
  let counter = 0;
  const address = (name: string) => `${name}-${kind}-${counter++}@example.se`;
  const row = async (id: number) => (await db.select().from(mailOutbox).where(eq(mailOutbox.id, id)))[0];
  /** A worker on this database that works only when asked (runOnce), with the given mail settings. */
  const workerWith = (mail: Record<string, string>, options: Partial<Parameters<typeof startMailWorker>[0]> = {}) =>
    startMailWorker({
      database,
      mailer: createMailer(mailSettings(mail)),
      publicUrl: "https://forum.example.se",
      logger: pino({ level: "silent" }),
      poll: false,
      ...options,
    });

  beforeAll(async () => {
    database = await createTestDatabase(kind, { seed: true });
    db = database.db;
  });
  afterAll(() => database?.close());

  it("sends queued mail through SMTP once, with links on the public origin, and keeps nothing of what it said", async () => {
    const smtp = await startSmtpServer();
    const { logger } = capturedLogger();
    const worker = workerWith(
      { SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port), SMTP_FROM: "forum@example.se" },
      { logger, poll: false },
    );
    try {
      const [reader] = await createResidents(db, 1, `smtp-${kind}`);
      await db.transaction((tx) =>
        notifyUsers(tx, [reader], { kind: "project.update", data: { projectTitle: "Läsombud" }, link: "/projekt/lasombud" }),
      );
      const [id] = await enqueueMail(db, resetMail(address("reset"), "hemlig-token"));
      await worker.runOnce();
      await worker.runOnce();
      const notification = smtp.received.filter((m) => m.includes("https://forum.example.se/projekt/lasombud"));
      expect(notification).toHaveLength(1);
      expect(notification[0]).toMatch(/^To: smtp-/m);
      // Quoted-printable breaks long lines with "=" at the end.
      const unfolded = smtp.received.map((m) => m.replace(/=\n/g, ""));
      expect(unfolded.filter((m) => m.includes("https://forum.example.se/aterstall-losenord/hemlig-token"))).toHaveLength(1);
      expect(await row(id)).toMatchObject({ status: "sent", attempts: 1, data: {}, lastError: null });
      const [note] = await db.select().from(notifications).where(eq(notifications.userId, reader));
      expect(note.emailStatus).toBe("queued");
    } finally {
      await worker.stop();
      await smtp.close();
    }
  });

  it("writes mail to the outbox folder in the recipient's language", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "sf-mail-worker-"));
    const worker = workerWith({ MAIL_OUTBOX_DIR: dir }, { publicUrl: "http://forum.test" });
    try {
      const [reader] = await createResidents(db, 1, `epost-${kind}`);
      await db.transaction((tx) =>
        notifyUsers(tx, [reader], {
          kind: "idea.declined",
          data: { ideaTitle: "Cykelbuss", reason: "Finns redan." },
          link: "/ideer/1",
        }),
      );
      await enqueueMail(db, { ...resetMail(address("en")), locale: "en" });
      await worker.runOnce();
      const mails = await readOutbox(dir);
      const declined = mails.filter((m) => m.text.includes("Cykelbuss"));
      expect(declined).toHaveLength(1);
      expect(declined[0].subject).toContain("Idén ”Cykelbuss” avböjdes. Motivering: Finns redan.");
      expect(declined[0].text).toContain("http://forum.test/ideer/1");
      const english = mails.find((m) => m.to.startsWith("en-"))!;
      expect(english.text).toContain("http://forum.test/aterstall-losenord/abc");
      expect(english.subject).not.toBe(mails.find((m) => m.text.includes("Cykelbuss"))!.subject);
      expect(english.subject).toMatch(/password/i);
    } finally {
      await worker.stop();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it("retries a refused mail after a wait that doubles each time, then sends it", async () => {
    let refusals = 2;
    const smtp = await startSmtpServer({ refuse: () => refusals-- > 0 });
    const { logger, lines } = capturedLogger();
    const worker = workerWith(
      { SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port) },
      { logger, retryBaseMs: 400, maxAttempts: 5 },
    );
    try {
      const to = address("retry");
      const [id] = await enqueueMail(db, resetMail(to));
      const waitOf = async () => {
        const [{ ms }] = await database.rows<{ ms: number }>(
          sql`select extract(epoch from (next_attempt_at - now())) * 1000 as ms from mail_outbox where id = ${id}`,
        );
        return Number(ms);
      };

      await worker.runOnce();
      expect(smtp.refused).toBe(1);
      expect(await row(id)).toMatchObject({ status: "pending", attempts: 1 });
      expect((await row(id)).lastError).toContain("451");
      const first = await waitOf();
      expect(first).toBeGreaterThan(200);
      expect(first).toBeLessThanOrEqual(400);
      // Not due yet: another round leaves it alone.
      await worker.runOnce();
      expect(smtp.refused).toBe(1);

      await until(async () => (await waitOf()) <= 0, 2000, "the first retry to fall due");
      await worker.runOnce();
      expect(smtp.refused).toBe(2);
      expect(await row(id)).toMatchObject({ status: "pending", attempts: 2 });
      const second = await waitOf();
      expect(second).toBeGreaterThan(600);
      expect(second).toBeLessThanOrEqual(800);

      await until(async () => (await waitOf()) <= 0, 2000, "the second retry to fall due");
      await worker.runOnce();
      expect(await row(id)).toMatchObject({ status: "sent", attempts: 3, data: {} });
      expect(smtp.received.filter((m) => m.includes(`To: ${to}`))).toHaveLength(1);
      const warnings = lines.filter((l) => l.msg === "mail not sent; will retry" && l.mailId === id);
      expect(warnings.map((w) => [w.level, w.attempts, w.retryInMs])).toEqual([
        [40, 1, 400],
        [40, 2, 800],
      ]);
    } finally {
      await worker.stop();
      await smtp.close();
    }
  });

  it("gives a mail up after the last try, empties it and says so in the log", async () => {
    const smtp = await startSmtpServer({ refuse: () => true });
    const { logger, lines } = capturedLogger();
    const worker = workerWith(
      { SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port) },
      { logger, retryBaseMs: 1, maxAttempts: 3 },
    );
    try {
      const [id] = await enqueueMail(db, resetMail(address("giveup"), "geheim"));
      for (let i = 0; i < 6; i++) {
        await worker.runOnce();
        await wait(20);
      }
      expect(smtp.refused).toBe(3);
      const failed = await row(id);
      expect(failed).toMatchObject({ status: "failed", attempts: 3, data: {} });
      expect(failed.lastError).toContain("451");
      const givenUp = lines.filter((l) => l.mailId === id && l.level === 50);
      expect(givenUp).toHaveLength(1);
      expect(givenUp[0]).toMatchObject({
        component: "mail",
        template: "password-reset",
        attempts: 3,
        msg: "mail given up after 3 tries",
      });
      expect(JSON.stringify(lines)).not.toContain("geheim");
    } finally {
      await worker.stop();
      await smtp.close();
    }
  });

  it("takes a mail again when the worker that claimed it never finished (a crash)", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "sf-mail-crash-"));
    const worker = workerWith({ MAIL_OUTBOX_DIR: dir }, { publicUrl: "http://forum.test" });
    try {
      const to = address("crash");
      const [id] = await enqueueMail(db, resetMail(to));
      // A worker claims it for 300 ms and dies before sending.
      const claimed = await claimDueMail(database, 100, 300);
      expect(claimed.map((m) => m.id)).toContain(id);
      await worker.runOnce();
      expect((await readOutbox(dir)).filter((m) => m.to === to)).toHaveLength(0);
      await wait(350);
      await worker.runOnce();
      expect((await readOutbox(dir)).filter((m) => m.to === to)).toHaveLength(1);
      expect(await row(id)).toMatchObject({ status: "sent", attempts: 2 });
    } finally {
      await worker.stop();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses a link that is not a path on the public origin", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "sf-mail-link-"));
    const worker = workerWith({ MAIL_OUTBOX_DIR: dir }, { maxAttempts: 1 });
    try {
      const ids = await enqueueMail(db, [
        { to: address("link"), template: "newsletter-confirm", data: { path: "//evil.example/nyhetsbrev" } },
        { to: address("link"), template: "newsletter-confirm", data: { path: "https://evil.example/x" } },
      ]);
      await worker.runOnce();
      expect((await readOutbox(dir)).filter((m) => m.text.includes("evil.example"))).toEqual([]);
      const rows = await db.select().from(mailOutbox).where(inArray(mailOutbox.id, ids));
      expect(rows.map((r) => r.status)).toEqual(["failed", "failed"]);
    } finally {
      await worker.stop();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it("sends each mail exactly once while two workers claim at the same time", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "sf-mail-twice-"));
    // On PostgreSQL the second worker has its own connections, as another process would.
    let other: Database = database;
    if (kind === "postgres") other = await openDatabase({ url: pgUrl(database) });
    const make = (on: Database) =>
      startMailWorker({
        database: on,
        mailer: createMailer(mailSettings({ MAIL_OUTBOX_DIR: dir })),
        publicUrl: "http://forum.test",
        logger: pino({ level: "silent" }),
        poll: false,
        batchSize: 3,
      });
    const one = make(database);
    const two = make(other);
    try {
      const recipients = Array.from({ length: 60 }, () => address("once"));
      const ids = await enqueueMail(
        db,
        recipients.map((to) => resetMail(to)),
      );
      const sent = await Promise.all([one.runOnce(), two.runOnce(), one.runOnce(), two.runOnce()]);
      await Promise.all([one.runOnce(), two.runOnce()]);
      const mails = (await readOutbox(dir)).filter((m) => recipients.includes(m.to));
      expect(mails.map((m) => m.to).sort()).toEqual([...recipients].sort());
      const rows = await db.select().from(mailOutbox).where(inArray(mailOutbox.id, ids));
      expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
      // Both took part (each runOnce reports what it sent; a round already running is shared).
      if (kind === "postgres") expect(sent[0]).toBeGreaterThan(0);
      if (kind === "postgres") expect(sent[1]).toBeGreaterThan(0);
    } finally {
      await one.stop();
      await two.stop();
      if (other !== database) await other.close();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it("waits base, 2·base, 4·base … between tries, up to the longest wait", () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, 30_000, 200_000))).toEqual([30_000, 60_000, 120_000, 200_000, 200_000]);
  });
});

/** The URL of the test's PostgreSQL database (its location hides the password; the test server has none). */
function pgUrl(database: TestDatabase): string {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = new URL(database.location.replace(/:\*\*\*@/, "@")).pathname;
  return url.toString();
}
