import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users, type Role } from "../../db/schema";
import { databaseKinds } from "../support/databases";
import { HttpClient } from "../support/http";
import { startTestServer, type TestServer } from "../support/server";
import { copy } from "../support/copy";

describe.each(databaseKinds)("role administration over HTTP on %s", (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => {
    await server?.close();
  });

  async function userByEmail(email: string) {
    const [row] = await server.database.db.select({ id: users.id, role: users.role }).from(users).where(eq(users.email, email));
    return row;
  }

  async function setRole(email: string, role: Role) {
    await server.database.db.update(users).set({ role }).where(eq(users.email, email));
  }

  async function signedIn(email: string) {
    const client = new HttpClient(server.url);
    await client.login(email);
    return client;
  }

  it("shows the user list to an admin only", async () => {
    const admin = await signedIn("admin@example.se");
    const page = await admin.get("/admin/anvandare");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(copy("admin.usersTitle"));
    expect(html).toContain("invanare@example.se");

    const resident = await signedIn("invanare2@example.se");
    const refused = await resident.get("/admin/anvandare");
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain(copy("errors.forbidden"));

    const visitor = await new HttpClient(server.url).get("/admin/anvandare");
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("location")).toBe("/logga-in?redirectTo=%2Fadmin%2Fanvandare");
  });

  it("lets an admin change another user's role, and the change takes effect", async () => {
    const target = await userByEmail("labbet@example.se");
    try {
      const admin = await signedIn("admin@example.se");
      const response = await admin.post("/admin/anvandare", { userId: target.id, role: "moderator" });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("Rollen för Leo Labbet är nu Moderator.");
      expect((await userByEmail("labbet@example.se")).role).toBe("moderator");

      // The user's existing session sees the new role at once.
      const promoted = await signedIn("labbet@example.se");
      const account = await (await promoted.get("/konto")).text();
      expect(account).toContain("(Moderator)");
    } finally {
      await setRole("labbet@example.se", "lab_staff");
    }
  });

  it("refuses a resident who tries to change a role, and changes nothing", async () => {
    const target = await userByEmail("invanare@example.se");
    const resident = await signedIn("invanare2@example.se");
    const response = await resident.post("/admin/anvandare", { userId: target.id, role: "admin" });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain(copy("errors.forbidden"));
    expect((await userByEmail("invanare@example.se")).role).toBe("resident");
    expect((await userByEmail("invanare2@example.se")).role).toBe("resident");
  });

  it("refuses a moderator too", async () => {
    const target = await userByEmail("invanare@example.se");
    const moderator = await signedIn("moderator@example.se");
    const response = await moderator.post("/admin/anvandare", { userId: target.id, role: "moderator" });
    expect(response.status).toBe(403);
    expect((await userByEmail("invanare@example.se")).role).toBe("resident");
  });

  it("does not let an admin change their own role", async () => {
    const self = await userByEmail("admin@example.se");
    const admin = await signedIn("admin@example.se");
    const response = await admin.post("/admin/anvandare", { userId: self.id, role: "resident" });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain(copy("admin.cannotChangeOwn"));
    expect((await userByEmail("admin@example.se")).role).toBe("admin");
  });

  it("answers an unknown role with 400 and an unknown user with 404, both in words", async () => {
    const admin = await signedIn("admin@example.se");
    const target = await userByEmail("invanare@example.se");
    const badRole = await admin.post("/admin/anvandare", { userId: target.id, role: "superuser" });
    expect(badRole.status).toBe(400);
    expect(await badRole.text()).toContain(copy("validation.invalid"));
    const missing = await admin.post("/admin/anvandare", { userId: "finns-inte", role: "moderator" });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain(copy("error.notFoundTitle"));
    expect((await userByEmail("invanare@example.se")).role).toBe("resident");
  });
});
