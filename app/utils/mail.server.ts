import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import type { Db } from "../../db/client";
import { claimOwedEmails, markEmailOutcome } from "../domain/notifications/email.server";
import { getI18n } from "../ui/i18n";
import { notificationText } from "../ui/notification-text";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  kind: "smtp" | "outbox";
  send(mail: Mail): Promise<void>;
}

/**
 * SMTP when SMTP_HOST is set; otherwise every mail is written as a JSON file to the outbox
 * folder (MAIL_OUTBOX_DIR, default <DATA_DIR>/mail-outbox) and to the log, so the feature
 * can be tried and tested without a mail server.
 */
export function createMailer(env: Record<string, string | undefined> = process.env): Mailer {
  const from = env.SMTP_FROM ?? "Samhällsforum <noreply@samhallsforum.se>";
  if (env.SMTP_HOST) {
    const transport = nodemailer.createTransport({
      host: env.SMTP_HOST,
      port: Number(env.SMTP_PORT ?? 587),
      secure: env.SMTP_SECURE === "true",
      auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASSWORD ?? "" } : undefined,
    });
    return { kind: "smtp", send: async (mail) => void (await transport.sendMail({ from, ...mail })) };
  }
  const dir = env.MAIL_OUTBOX_DIR ?? path.join(env.DATA_DIR ?? "data", "mail-outbox");
  return {
    kind: "outbox",
    send: async (mail) => {
      await fs.mkdir(dir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${Math.random().toString(36).slice(2, 8)}.json`;
      await fs.writeFile(path.join(dir, name), JSON.stringify({ from, ...mail }, null, 2));
      console.info(`[mail] outbox ${name}: to=${mail.to} subject=${JSON.stringify(mail.subject)}`);
    },
  };
}

let running: Promise<number> | null = null;

/**
 * Sends every owed notification email. Runs after a request's transaction has committed;
 * one delivery at a time per process, and claimed rows keep two processes apart.
 */
export function deliverOwedEmails(db: Db, baseUrl: string, mailer: Mailer = createMailer()): Promise<number> {
  running ??= (async () => {
    let sent = 0;
    try {
      for (;;) {
        const batch = await claimOwedEmails(db);
        if (batch.length === 0) return sent;
        for (const mail of batch) {
          const t = getI18n(mail.locale).t;
          const text = notificationText(t, mail);
          const link = mail.link ? new URL(mail.link, baseUrl).toString() : baseUrl;
          try {
            await mailer.send({
              to: mail.to,
              subject: t("notifications.emailSubject", { text }),
              text: `${text}\n\n${link}\n\n${t("notifications.emailFooter")}\n`,
            });
            await markEmailOutcome(db, mail.id, true);
            sent++;
          } catch (error) {
            await markEmailOutcome(db, mail.id, false);
            console.warn(`[mail] delivery failed for notification ${mail.id}: ${(error as Error).message}`);
            return sent;
          }
        }
      }
    } finally {
      running = null;
    }
  })();
  return running;
}
