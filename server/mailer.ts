import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  kind: "smtp" | "outbox";
  send(mail: Mail): Promise<void>;
}

/** How mail leaves (SMTP_*, MAIL_OUTBOX_DIR, parsed by server/env.ts). */
export interface MailerSettings {
  /** Without it, mail is written to `outboxDir`. */
  smtp?: { host: string; port: number; secure: boolean; user?: string; password?: string };
  from: string;
  outboxDir: string;
}

/**
 * SMTP when a host is configured (SMTP_HOST); otherwise every mail is written as a JSON file to the
 * outbox folder (MAIL_OUTBOX_DIR, default <DATA_DIR>/mail-outbox), so the feature can be tried and
 * tested without a mail server. Only the mail worker (server/mail-worker.ts) sends.
 */
export function createMailer(settings: MailerSettings): Mailer {
  const { smtp, from } = settings;
  if (smtp) {
    const transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? "" } : undefined,
      // A hung server must not hold a claimed mail past its claim (server/mail-worker.ts).
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
    });
    return { kind: "smtp", send: async (mail) => void (await transport.sendMail({ from, ...mail })) };
  }
  const dir = settings.outboxDir;
  return {
    kind: "outbox",
    send: async (mail) => {
      await fs.mkdir(dir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${Math.random().toString(36).slice(2, 8)}.json`;
      // Written under a temporary name and renamed, so a reader never sees half a file.
      await fs.writeFile(path.join(dir, `.${name}.tmp`), JSON.stringify({ from, ...mail }, null, 2));
      await fs.rename(path.join(dir, `.${name}.tmp`), path.join(dir, name));
    },
  };
}
