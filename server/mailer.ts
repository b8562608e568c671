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

/**
 * SMTP when SMTP_HOST is set; otherwise every mail is written as a JSON file to the outbox
 * folder (MAIL_OUTBOX_DIR, default <DATA_DIR>/mail-outbox) and to the log, so the feature
 * can be tried and tested without a mail server. Only the mail worker (server/mail-worker.ts) sends.
 */
export function createMailer(env: Record<string, string | undefined> = process.env): Mailer {
  const from = env.SMTP_FROM ?? "Samhällsforum <noreply@samhallsforum.se>";
  if (env.SMTP_HOST) {
    const transport = nodemailer.createTransport({
      host: env.SMTP_HOST,
      port: Number(env.SMTP_PORT ?? 587),
      secure: env.SMTP_SECURE === "true",
      auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASSWORD ?? "" } : undefined,
      // A hung server must not hold a claimed mail past its claim (server/mail-worker.ts).
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
    });
    return { kind: "smtp", send: async (mail) => void (await transport.sendMail({ from, ...mail })) };
  }
  const dir = env.MAIL_OUTBOX_DIR ?? path.join(env.DATA_DIR ?? "data", "mail-outbox");
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
