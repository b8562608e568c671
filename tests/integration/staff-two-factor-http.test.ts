import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "../../db/schema";
import { databaseKinds } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { Visitor, currentCode } from "../support/security";
import { connectClient, connected, subscribe } from "./live-support";

const demoPassword = "samhallsforum-demo";

describe.each(databaseKinds)("STAFF_2FA and the session cookie on %s", (kind) => {
  let required: TestServer;
  let optional: TestServer;

  beforeAll(async () => {
    [required, optional] = await Promise.all([
      startTestServer(kind, { staffTwoFactor: "required", secureCookies: true }),
      startTestServer(kind, { staffTwoFactor: "optional" }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([required?.close(), optional?.close()]);
  });

  it("uses a __Host- prefixed, Secure, host-only session cookie when cookies are secure", async () => {
    const response = await new Visitor(required.url).post("/logga-in", { email: "invanare@example.se", password: demoPassword });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("__Host-sf_session="));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
    expect(cookie).not.toMatch(/Domain=/i);
    expect(cookie).toMatch(/HttpOnly/i);
  });

  it("required: staff without 2FA sign in, are sent to enrolment and may not use staff pages until enrolled", async () => {
    const moderator = new Visitor(required.url);
    const login = await moderator.post("/logga-in", { email: "moderator@example.se", password: demoPassword });
    expect(login.status).toBe(302);
    expect(login.headers.get("location")).toBe("/konto/tvastegs?krav=1");
    const queue = await moderator.get("/moderator");
    expect(queue.status).toBe(302);
    expect(queue.headers.get("location")).toBe("/konto/tvastegs?krav=1");
    // The account itself stays usable.
    expect((await moderator.get("/konto")).status).toBe(200);

    const [row] = await required.database.db.select().from(users).where(eq(users.email, "moderator@example.se"));
    expect((await moderator.get("/konto/tvastegs?krav=1")).status).toBe(200);
    const enabled = await moderator.post("/konto/tvastegs", {
      intent: "enable",
      code: await currentCode(required.database.db, row.id),
    });
    expect(enabled.status).toBe(200);
    expect((await moderator.get("/moderator")).status).toBe(200);
    // Staff may not switch it off again while it is required.
    expect(
      (await moderator.post("/konto/tvastegs", { intent: "disable", code: await currentCode(required.database.db, row.id) }))
        .status,
    ).toBe(403);

    const next = new Visitor(required.url);
    const again = await next.post("/logga-in", { email: "moderator@example.se", password: demoPassword });
    expect(again.headers.get("location")).toMatch(/^\/logga-in\/kod/);
    expect((await next.get("/moderator")).status).toBe(302);
    expect(
      (await next.post("/logga-in/kod", { code: await currentCode(required.database.db, row.id), redirectTo: "/moderator" }))
        .status,
    ).toBe(302);
    expect((await next.get("/moderator")).status).toBe(200);
  });

  it("required: a lab staff write is refused until enrolment; residents are not asked", async () => {
    const lab = new Visitor(required.url);
    await lab.post("/logga-in", { email: "labbet@example.se", password: demoPassword });
    const page = await lab.get("/labbet");
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe("/konto/tvastegs?krav=1");
    const resident = new Visitor(required.url);
    const login = await resident.post("/logga-in", { email: "invanare2@example.se", password: demoPassword });
    expect(login.headers.get("location")).toBe("/");
  });

  it("required: staff without 2FA are kept out of the staff live rooms until enrolled, and keep their own", async () => {
    const lab = new Visitor(required.url);
    await lab.post("/logga-in", { email: "labbet@example.se", password: demoPassword });
    const [row] = await required.database.db.select().from(users).where(eq(users.email, "labbet@example.se"));
    const rooms = async () => {
      const socket = connectClient(required.url, { cookie: lab.cookieHeader });
      try {
        await connected(socket);
        return {
          lab: (await subscribe(socket, "lab")).ok,
          own: (await subscribe(socket, `user:${row.id}`)).ok,
          idea: (await subscribe(socket, "idea:1")).ok,
        };
      } finally {
        socket.disconnect();
      }
    };
    expect(await rooms()).toEqual({ lab: false, own: true, idea: true });

    expect((await lab.get("/konto/tvastegs?krav=1")).status).toBe(200);
    const enabled = await lab.post("/konto/tvastegs", {
      intent: "enable",
      code: await currentCode(required.database.db, row.id),
    });
    expect(enabled.status).toBe(200);
    expect(await rooms()).toEqual({ lab: true, own: true, idea: true });

    // Where two-factor sign-in is optional, the same staff room is open without it.
    const optionalLab = new Visitor(optional.url);
    await optionalLab.post("/logga-in", { email: "labbet@example.se", password: demoPassword });
    const socket = connectClient(optional.url, { cookie: optionalLab.cookieHeader });
    try {
      await connected(socket);
      expect((await subscribe(socket, "lab")).ok).toBe(true);
    } finally {
      socket.disconnect();
    }
  });

  it("optional (the default over plain HTTP): staff work without 2FA", async () => {
    const moderator = new Visitor(optional.url);
    const login = await moderator.post("/logga-in", { email: "moderator@example.se", password: demoPassword });
    expect(login.headers.get("location")).toBe("/");
    expect(login.headers.getSetCookie().some((c) => c.startsWith("sf_session="))).toBe(true);
    expect((await moderator.get("/moderator")).status).toBe(200);
  });
});
