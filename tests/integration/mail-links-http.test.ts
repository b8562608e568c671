/**
 * Links in mail come from the configured public origin only. A client that forges Host and
 * X-Forwarded-Host/Proto (as anyone can, and as a misconfigured proxy passes on) gets mails whose
 * links point at PUBLIC_URL, or without it at the address the server printed; and mail is sent by
 * the server's worker within seconds, with no further request to carry it.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIdea } from "../../app/domain/ideas/ideas.server";
import { databaseKinds } from "../support/databases";
import { Visitor, newAccount } from "../support/security";
import { startTestServer, type TestServer } from "../support/server";
import { challengeId, userId } from "./ideas-fixtures";
import { tempOutbox, waitForMail, type OutboxMail } from "./site-support";

let nextIp = 1;

/** A form POST with a forged Host, X-Forwarded-Host and X-Forwarded-Proto (and a matching Origin). */
function forgedPost(serverUrl: string, path: string, form: Record<string, string>, cookie = ""): Promise<number> {
  const target = new URL(path, serverUrl);
  const body = new URLSearchParams(form).toString();
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port: target.port,
        path: target.pathname + target.search,
        method: "POST",
        headers: {
          Host: "evil.example",
          "X-Forwarded-Host": "evil.example",
          "X-Forwarded-Proto": "https",
          "X-Forwarded-For": `10.77.0.${nextIp++}`,
          Origin: "https://evil.example",
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": Buffer.byteLength(body),
          ...(cookie ? { Cookie: cookie } : {}),
        },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

function linksIn(mail: OutboxMail): string[] {
  return mail.text.match(/https?:\/\/\S+/g) ?? [];
}

describe.each(databaseKinds)("links in mail on %s", (kind) => {
  for (const publicUrl of ["https://forum.example.se", undefined]) {
    describe(publicUrl ? "with PUBLIC_URL" : "without PUBLIC_URL", () => {
      let server: TestServer;
      let outbox: string;
      let origin: string;

      beforeAll(async () => {
        outbox = await tempOutbox(`links-${kind}-${publicUrl ? "public" : "local"}`);
        server = await startTestServer(kind, { publicUrl, config: { mail: { outboxDir: outbox } } });
        // Without PUBLIC_URL, the address the server printed (http://localhost:<port>).
        origin = publicUrl ?? server.url;
        expect(server.publicUrl).toBe(origin);
      });
      afterAll(() => server?.close());

      it("builds the password reset link on the public origin whatever Host the request claimed", async () => {
        const account = await newAccount(server.database.db, `forged-${publicUrl ? "p" : "l"}`);
        expect(await forgedPost(server.url, "/glomt-losenord", { email: account.email })).toBe(200);
        const mail = await waitForMail(outbox, (m) => m.to === account.email);
        const links = linksIn(mail);
        expect(links).toHaveLength(1);
        expect(links[0]).toMatch(new RegExp(`^${origin.replace(/[.]/g, "\\.")}/aterstall-losenord/[A-Za-z0-9_-]+$`));
        expect(mail.text).not.toContain("evil.example");
      });

      it("sends a notification mail within seconds of the event, with no further request, linking to the public origin", async () => {
        const db = server.database.db;
        const author = await userId(db, "invanare@example.se");
        const idea = await createIdea(db, {
          challengeId: await challengeId(db, "narvaro-i-skolan"),
          authorId: author,
          title: `Läxhjälp på biblioteket ${publicUrl ? "A" : "B"}`,
          body: "Text",
        });
        if (!idea.ok) throw new Error(idea.problem);
        const commenter = new Visitor(server.url);
        await commenter.login("invanare2@example.se");

        const started = Date.now();
        const status = await forgedPost(
          server.url,
          `/ideer/${idea.ideaId}`,
          { intent: "comment", body: "Bra idé, jag hjälper gärna till." },
          commenter.cookieHeader,
        );
        expect([302, 303]).toContain(status);
        // Nothing more is asked of the server: the worker sends the mail by itself.
        const mail = await waitForMail(
          outbox,
          (m) => m.to === "invanare@example.se" && m.text.includes(`/ideer/${idea.ideaId}`),
          4000,
        );
        expect(Date.now() - started).toBeLessThan(4000);
        const links = linksIn(mail);
        expect(links.length).toBeGreaterThan(0);
        for (const link of links) expect(link.startsWith(`${origin}/`)).toBe(true);
        expect(mail.text).not.toContain("evil.example");
      });
    });
  }
});
