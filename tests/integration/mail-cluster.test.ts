/**
 * Two server processes on one PostgreSQL database, as `npm run start:cluster` runs them: each mail
 * in the outbox is delivered exactly once (whichever process's worker claims it), and a form shown
 * by one process is accepted by the other (the form secret is shared through server_secrets).
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inArray } from "drizzle-orm";
import { mailOutbox, serverSecrets } from "../../db/schema";
import { enqueueMail } from "../../app/domain/mail/outbox.server";
import { createTestDatabase, type TestDatabase } from "../support/databases";
import { HttpClient } from "../support/http";
import { freePort, startServerProcess, type ServerProcess } from "../faults/server-process";
import { readOutbox, type OutboxMail } from "./site-support";

const postgresUrl = process.env.TEST_DATABASE_URL;

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const count = (mails: OutboxMail[], to: string) => mails.filter((m) => m.to === to).length;

describe.skipIf(!postgresUrl)("mail and forms across two server processes (postgres)", () => {
  let database: TestDatabase;
  let outbox: string;
  let one: ServerProcess;
  let two: ServerProcess;

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    const url = new URL(postgresUrl!);
    url.pathname = new URL(database.location.replace(/:\*\*\*@/, "@")).pathname;
    outbox = await fs.mkdtemp(path.join(os.tmpdir(), "sf-mail-cluster-"));
    const env = {
      DATABASE_URL: url.toString(),
      PUBLIC_URL: "https://forum.example.se",
      MAIL_OUTBOX_DIR: outbox,
      FORM_SECRET: "",
      CONTACT_MIN_FILL_SECONDS: "0",
      LOG_LEVEL: "info",
    };
    // One after the other: the first migrates and seeds the empty database.
    one = await startServerProcess(env, await freePort());
    two = await startServerProcess(env, await freePort());
  }, 180_000);

  afterAll(async () => {
    for (const server of [one, two]) {
      if (!server) continue;
      server.child.kill("SIGTERM");
      await server.exited;
    }
    await database?.close();
    if (outbox) await fs.rm(outbox, { recursive: true, force: true });
  });

  it("accepts on process 2 a contact form shown by process 1, and mails the staff exactly once", async () => {
    const page = await (await new HttpClient(one.url).get("/kontakt")).text();
    const started = /name="started" value="([^"]+)"/.exec(page)![1];
    const visitor = new HttpClient(two.url);
    const response = await visitor.post(
      "/kontakt",
      {
        name: "Sara Svensson",
        email: "sara@example.org",
        subject: "Två processer",
        message: "Kommer detta fram en gång?",
        started,
        website: "",
      },
      { headers: { "X-Forwarded-For": "203.0.113.90" } },
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Tack för ditt meddelande!");
    // One secret for both, made by whichever process asked first.
    expect(await database.db.select().from(serverSecrets)).toHaveLength(1);

    await until(
      async () => {
        const mails = await readOutbox(outbox);
        return count(mails, "admin@example.se") >= 1 && count(mails, "labbet@example.se") >= 1;
      },
      5000,
      "the contact mails",
    );
    // Both workers poll every second: a second copy would show within this time.
    await new Promise((r) => setTimeout(r, 2500));
    const mails = (await readOutbox(outbox)).filter((m) => m.subject.includes("Två processer"));
    expect(mails.map((m) => m.to).sort()).toEqual(["admin@example.se", "labbet@example.se"]);
    for (const mail of mails) expect(mail.text).toContain("https://forum.example.se/redaktion/meddelanden#meddelande-");
  });

  it("delivers each of many queued mails exactly once between the two workers", async () => {
    const recipients = Array.from({ length: 60 }, (_, i) => `kluster-${i}@example.se`);
    const ids: number[] = [];
    // In waves, so both processes' polls find work.
    for (let wave = 0; wave < 6; wave++) {
      const slice = recipients.slice(wave * 10, wave * 10 + 10);
      ids.push(
        ...(await enqueueMail(
          database.db,
          slice.map((to) => ({
            to,
            template: "newsletter-confirm" as const,
            data: { path: `/nyhetsbrev/bekrafta?token=${to}` },
          })),
        )),
      );
      await new Promise((r) => setTimeout(r, 300));
    }
    await until(
      async () => {
        const rows = await database.db.select({ status: mailOutbox.status }).from(mailOutbox).where(inArray(mailOutbox.id, ids));
        return rows.every((r) => r.status === "sent");
      },
      15_000,
      "every mail to be sent",
    );
    await new Promise((r) => setTimeout(r, 2500));
    const mails = (await readOutbox(outbox)).filter((m) => m.to.startsWith("kluster-"));
    expect(mails.map((m) => m.to).sort()).toEqual([...recipients].sort());
    for (const mail of mails) expect(mail.text).toContain(`https://forum.example.se/nyhetsbrev/bekrafta?token=${mail.to}`);
    // Each was sent by one process, as the processes' own logs say.
    const sentBy = [one, two].map(
      (server) =>
        server
          .output()
          .split("\n")
          .filter((l) => l.includes('"msg":"mail sent"') && l.includes('"template":"newsletter-confirm"')).length,
    );
    expect(sentBy[0] + sentBy[1]).toBe(60);
  });
});
