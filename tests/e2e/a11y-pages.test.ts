import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { browserRequired, expectAccessible, hasBrowser, launchChromium, screenshot, waitForHydration } from "../support/browser";
import { startTestServer, type TestServer } from "../support/server";
import { contextsFor, type Role } from "../support/pages";
import { sql } from "drizzle-orm";
import { createProject } from "../../app/domain/projects/create.server";
import { copy } from "../support/copy";

// Paths with {idea}, {profile}, {project}, {threadIdea} or {thread} are filled in from the seeded database.
const pages: { name: string; path: string; signedIn?: boolean; as?: Exclude<Role, "visitor"> }[] = [
  { name: "home", path: "/" },
  { name: "challenges", path: "/utmaningar" },
  { name: "challenge", path: "/utmaningar/narvaro-i-skolan" },
  { name: "focus-area", path: "/fokusomraden/skolresultat" },
  { name: "projects", path: "/projekt" },
  { name: "about", path: "/om" },
  { name: "login", path: "/logga-in" },
  { name: "register", path: "/registrera" },
  { name: "not-found", path: "/finns-inte" },
  { name: "account", path: "/konto", signedIn: true },
  { name: "challenge-signed-in", path: "/utmaningar/narvaro-i-skolan", signedIn: true },
  // One of every page template.
  { name: "idea", path: "/ideer/{idea}" },
  { name: "idea-signed-in", path: "/ideer/{idea}", signedIn: true },
  { name: "new-idea", path: "/utmaningar/narvaro-i-skolan/ny-ide", signedIn: true },
  { name: "edit-idea", path: "/ideer/{idea}/redigera", signedIn: true },
  { name: "idea-history", path: "/ideer/{idea}/historik" },
  { name: "thread", path: "/ideer/{threadIdea}/trad/{thread}" },
  { name: "search", path: "/sok?q=skola" },
  { name: "profile", path: "/anvandare/{profile}" },
  { name: "report", path: "/rapportera?typ=idea&id={idea}", as: "moderator" },
  { name: "moderation-queue", path: "/moderator", as: "moderator" },
  { name: "moderation-log", path: "/moderering" },
  { name: "lab-queue", path: "/labbet", as: "lab_staff" },
  { name: "lab-challenges", path: "/labbet/utmaningar", as: "lab_staff" },
  { name: "project", path: "/projekt/{project}" },
  { name: "notifications", path: "/notiser", signedIn: true },
  { name: "admin-users", path: "/admin/anvandare", as: "admin" },
  { name: "accessibility-statement", path: "/tillganglighet" },
];

const widths = [1280, 360];

/** Content wider than the window makes the page scroll sideways on a phone. */
function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe.skipIf(!hasBrowser && !browserRequired)("accessibility and layout of the pages", () => {
  let server: TestServer;
  let browser: Browser;
  const contexts = new Map<string, BrowserContext>();
  const fill = new Map<string, string>();
  const roleOf = (p: { signedIn?: boolean; as?: Role }): Role => p.as ?? (p.signedIn ? "resident" : "visitor");

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer("pglite"), launchChromium()]);
    const resident = await server.database.rows<{ id: string }>(sql`select id from users where email = 'invanare@example.se'`);
    const idea = await server.database.rows<{ id: number }>(
      sql`select id from ideas where author_id = ${resident[0].id} and not hidden and deleted_at is null order by id limit 1`,
    );
    const thread = await server.database.rows<{ idea_id: number; id: number }>(
      sql`select c.idea_id, c.id from comments c where c.parent_id is null and exists (select 1 from comments r where r.parent_id = c.id) order by c.id limit 1`,
    );
    const lab = await server.database.rows<{ id: string }>(sql`select id from users where email = 'labbet@example.se'`);
    let project = await server.database.rows<{ slug: string }>(sql`select slug from lab_projects order by id limit 1`);
    if (project.length === 0) {
      const created = await createProject(server.database.db, {
        actorId: lab[0].id,
        leadId: lab[0].id,
        title: "Läxhjälp i biblioteket",
        summary: "Ett projekt för tillgänglighetsgranskningen.",
        challengeId: null,
        partnerIds: [],
      });
      if (!created.ok) throw new Error(created.problem);
      project = [{ slug: created.project.slug }];
    }
    fill.set("{idea}", String(idea[0].id)).set("{profile}", resident[0].id).set("{project}", project[0].slug);
    fill.set("{threadIdea}", String(thread[0].idea_id)).set("{thread}", String(thread[0].id));
    // Each role signs in once; the other width's context starts with the same session.
    const [first, ...others] = widths;
    const signedIn = await contextsFor(browser, server.url, new Set(pages.map(roleOf)), {
      viewport: { width: first, height: 900 },
    });
    for (const [role, context] of signedIn) {
      contexts.set(`${first}:${role}`, context);
      const storageState = await context.storageState();
      for (const width of others)
        contexts.set(
          `${width}:${role}`,
          await browser.newContext({ baseURL: server.url, viewport: { width, height: 900 }, storageState }),
        );
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe.each(widths)("at %i px", (width) => {
    it.each(pages)("$name has no axe violations and no sideways scrolling", async (entry) => {
      const { name } = entry;
      const path = entry.path.replace(/\{\w+\}/g, (key) => fill.get(key)!);
      const page = await contexts.get(`${width}:${roleOf(entry)}`)!.newPage();
      try {
        const response = await page.goto(path, { waitUntil: "load" });
        expect(response?.status(), path).toBe(name === "not-found" ? 404 : 200);
        await waitForHydration(page);
        await screenshot(page, `${name}-${width}`, { fullPage: true });
        await expectAccessible(page, `${path} at ${width} px`);
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        expect(await page.locator("h1").count()).toBe(1);
        expect(await page.locator("main").count()).toBe(1);
      } finally {
        await page.close();
      }
    });
  });

  it("a form with errors has no axe violations", async () => {
    const page = await contexts.get("360:visitor")!.newPage();
    try {
      await page.goto("/registrera");
      await page.getByLabel(copy("auth.email")).fill("inte-en-adress");
      await page.getByRole("button", { name: copy("auth.registerButton") }).click();
      await page.getByText(copy("validation.email")).waitFor();
      await screenshot(page, "register-errors-360", { fullPage: true });
      await expectAccessible(page);
    } finally {
      await page.close();
    }
  });

  it("the English pages have no axe violations", async () => {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto("/om");
      await page.getByRole("button", { name: copy("site.switchToOther") }).click();
      await page.getByRole("heading", { level: 1, name: "About Samhällskontraktet" }).waitFor();
      expect(await page.getAttribute("html", "lang")).toBe("en");
      await screenshot(page, "about-en-1280", { fullPage: true });
      await expectAccessible(page);
    } finally {
      await context.close();
    }
  });
});
