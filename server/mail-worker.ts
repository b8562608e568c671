import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Logger } from "pino";
import type { Database } from "../db/client";
import { mailOutbox } from "../db/schema";
import { type MailMessage, renderMail } from "../app/server-entry";
import type { Mailer } from "./mailer";

export interface MailWorkerOptions {
  database: Database;
  mailer: Mailer;
  /** The one origin every link in a mail is built on: PUBLIC_URL, or the address the server printed. */
  publicUrl: string;
  logger: Logger;
  /** How often the outbox is looked at when nothing nudges the worker (ms). */
  pollMs?: number;
  /** Tries before a mail is given up (status failed). */
  maxAttempts?: number;
  /** Wait after the first failure (ms); it doubles after each further failure, up to maxDelayMs. */
  retryBaseMs?: number;
  maxDelayMs?: number;
  /** How long a claimed mail is kept from other workers; a process that dies mid-send frees it then (ms). */
  claimMs?: number;
  batchSize?: number;
  /** false: no polling, the worker works only when nudged or asked (runOnce); tests use it to go step by step. */
  poll?: boolean;
}

export interface MailWorker {
  /** Look at the outbox now (after a commit that queued mail) instead of at the next poll. */
  nudge(): void;
  /** One round: claims and sends what is due; resolves with the number of mails sent. */
  runOnce(): Promise<number>;
  /** Stops polling and waits for the round in progress. */
  stop(): Promise<void>;
}

export const mailDefaults = {
  pollMs: 1000,
  maxAttempts: 8,
  retryBaseMs: 30_000,
  maxDelayMs: 6 * 3600_000,
  claimMs: 5 * 60_000,
  batchSize: 20,
};

type ClaimedMail = MailMessage & { id: number; to: string; locale: string; attempts: number };

/** The wait after the given number of failed tries: base, 2·base, 4·base … at most max. */
export function retryDelayMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

const ms = (value: number) => sql`(${value} * interval '1 millisecond')`;

/**
 * Claims due mail: one statement that locks due rows with FOR UPDATE SKIP LOCKED (rows another
 * worker is claiming are passed over, not waited for), counts the try and moves next_attempt_at to
 * the end of the claim, so no other worker, in this process or another, takes the same mail.
 * The same statement runs on PGlite and PostgreSQL.
 */
export async function claimDueMail(database: Database, limit: number, claimMs: number): Promise<ClaimedMail[]> {
  const { db } = database;
  const due = db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.status, "pending"), lte(mailOutbox.nextAttemptAt, sql`now()`)))
    .orderBy(asc(mailOutbox.nextAttemptAt), asc(mailOutbox.id))
    .limit(limit)
    .for("update", { skipLocked: true });
  const rows = await db
    .update(mailOutbox)
    .set({ attempts: sql`${mailOutbox.attempts} + 1`, nextAttemptAt: sql`now() + ${ms(claimMs)}` })
    .where(and(inArray(mailOutbox.id, due), eq(mailOutbox.status, "pending")))
    .returning({
      id: mailOutbox.id,
      to: mailOutbox.to,
      template: mailOutbox.template,
      locale: mailOutbox.locale,
      data: mailOutbox.data,
      attempts: mailOutbox.attempts,
    });
  return rows.sort((a, b) => a.id - b.id) as ClaimedMail[];
}

export function startMailWorker(options: MailWorkerOptions): MailWorker {
  const settings = {
    pollMs: options.pollMs ?? mailDefaults.pollMs,
    maxAttempts: options.maxAttempts ?? mailDefaults.maxAttempts,
    retryBaseMs: options.retryBaseMs ?? mailDefaults.retryBaseMs,
    maxDelayMs: options.maxDelayMs ?? mailDefaults.maxDelayMs,
    claimMs: options.claimMs ?? mailDefaults.claimMs,
    batchSize: options.batchSize ?? mailDefaults.batchSize,
  };
  const { database, mailer, logger, publicUrl } = options;
  const poll = options.poll !== false;
  const log = logger.child({ component: "mail" });
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<number> | undefined;
  let again = false;
  let failures = 0;

  async function deliver(mail: ClaimedMail): Promise<boolean> {
    try {
      const rendered = renderMail(mail, publicUrl);
      await mailer.send({ to: mail.to, ...rendered });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (mail.attempts >= settings.maxAttempts) {
        await database.db
          .update(mailOutbox)
          .set({ status: "failed", data: {}, lastError: message.slice(0, 1000) })
          .where(eq(mailOutbox.id, mail.id));
        log.error(
          { mailId: mail.id, template: mail.template, attempts: mail.attempts, err: error },
          "mail given up after %d tries",
          mail.attempts,
        );
      } else {
        const delay = retryDelayMs(mail.attempts, settings.retryBaseMs, settings.maxDelayMs);
        await database.db
          .update(mailOutbox)
          .set({ nextAttemptAt: sql`now() + ${ms(delay)}`, lastError: message.slice(0, 1000) })
          .where(eq(mailOutbox.id, mail.id));
        log.warn(
          { mailId: mail.id, template: mail.template, attempts: mail.attempts, retryInMs: delay, err: error },
          "mail not sent; will retry",
        );
      }
      return false;
    }
    // Sent: what it said (links with tokens) is not kept.
    await database.db
      .update(mailOutbox)
      .set({ status: "sent", sentAt: sql`now()`, data: {}, lastError: null })
      .where(eq(mailOutbox.id, mail.id));
    log.info({ mailId: mail.id, template: mail.template }, "mail sent");
    return true;
  }

  async function work(): Promise<number> {
    let sent = 0;
    for (;;) {
      const batch = await claimDueMail(database, settings.batchSize, settings.claimMs);
      for (const mail of batch) if (await deliver(mail)) sent++;
      if (batch.length < settings.batchSize || stopped) return sent;
    }
  }

  function runOnce(): Promise<number> {
    if (round) {
      again = true;
      return round;
    }
    round = work().finally(() => {
      round = undefined;
    });
    return round;
  }

  function schedule(delay: number) {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(tick, delay);
    timer.unref();
  }

  function tick() {
    runOnce().then(
      () => {
        failures = 0;
        if (again) {
          again = false;
          schedule(0);
        } else if (poll) schedule(settings.pollMs);
      },
      (error: unknown) => {
        // The database may be down for a while: say so once in a while, and look less often.
        failures++;
        if (failures === 1 || failures % 30 === 0) log.warn({ err: error, failures }, "mail outbox could not be read");
        if (poll) schedule(Math.min(settings.pollMs * 2 ** Math.min(failures, 4), 15_000));
      },
    );
  }

  if (poll) schedule(0);
  return {
    nudge: () => {
      if (stopped) return;
      if (round) again = true;
      else schedule(0);
    },
    runOnce,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await round?.catch(() => {});
    },
  };
}
