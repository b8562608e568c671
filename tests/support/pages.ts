import { sql } from "drizzle-orm";
import type { ServerBuild } from "@remix-run/node";
import type { Browser, BrowserContext } from "playwright-core";
import type { Database } from "../../db/client";
import { createProject } from "../../app/domain/projects/create.server";
import { createResetToken } from "../../app/domain/accounts/password-reset.server";
import { startRegistration } from "../../app/domain/accounts/registration.server";
import { confirmSignup, requestSignup } from "../../app/domain/newsletter/newsletter.server";
import { HttpClient } from "./http";
import { demoAccounts, demoPassword, signIn } from "./browser";

/**
 * Every page of the build, each as the people who use it, on the seeded demo data. The routes come
 * from the build's route manifest, so a new page is visited without anyone adding it: a page without
 * parameters is visited by a visitor and a resident unless `visits` says otherwise (a page for staff
 * fails then, until `visits` names its roles); a page with parameters must be
 * described in `visits` (the list fails to build until it is).
 */

export type Role = "visitor" | "resident" | "moderator" | "lab_staff" | "admin";
/** A visitor who has given the right password of an account with two-step verification, not yet the code. */
export type Visitor = Role | "two_factor";

export const roles: Role[] = ["visitor", "resident", "moderator", "lab_staff", "admin"];

export const loginEmails: Record<Exclude<Role, "visitor">, string> = demoAccounts;
/** The account given two-step verification for the code page (the other resident). */
const twoFactorEmail = "invanare2@example.se";
export { demoPassword };

export interface PageVisit {
  /** "<route id> as <role>", unique */
  name: string;
  routeId: string;
  path: string;
  as: Visitor;
  /** The document's expected status. */
  status: number;
  /** The page is the error page (the not-found route). */
  errorPage?: boolean;
}

interface Visit {
  /** The path to open; {placeholders} are filled from the database. Default: the route's own path. */
  path?: string;
  as: Visitor[];
  status?: number;
  errorPage?: boolean;
}

const everyone: Role[] = roles;
const signedIn: Role[] = ["resident", "admin"];
const publicPage: Visitor[] = ["visitor", "resident"];

/** How to visit the pages that need parameters, or that not every role may open. */
const visits: Record<string, Visit[]> = {
  root: [],
  "routes/_index": [{ as: everyone }],
  "routes/$": [{ path: "/finns-inte", as: ["visitor", "admin"], status: 404, errorPage: true }],
  "routes/utmaningar.$slug": [{ path: "/utmaningar/{challenge}", as: everyone }],
  "routes/utmaningar.$slug_.ny-ide": [{ path: "/utmaningar/{challenge}/ny-ide", as: ["resident"] }],
  "routes/fokusomraden.$slug": [{ path: "/fokusomraden/{focusArea}", as: publicPage }],
  "routes/ideer.$id": [{ path: "/ideer/{idea}", as: ["visitor", "resident", "moderator"] }],
  "routes/ideer.$id_.historik": [{ path: "/ideer/{idea}/historik", as: publicPage }],
  "routes/ideer.$id_.redigera": [{ path: "/ideer/{idea}/redigera", as: ["resident"] }],
  "routes/ideer.$id_.trad.$rootId": [{ path: "/ideer/{threadIdea}/trad/{thread}", as: publicPage }],
  "routes/kommentarer.$id.historik": [{ path: "/kommentarer/{comment}/historik", as: publicPage }],
  "routes/kommentarer.$id.redigera": [{ path: "/kommentarer/{comment}/redigera", as: ["resident"] }],
  "routes/anvandare.$id": [{ path: "/anvandare/{profile}", as: publicPage }],
  "routes/projekt.$slug": [{ path: "/projekt/{project}", as: ["visitor", "resident", "lab_staff"] }],
  "routes/aktuellt.$slug": [{ path: "/aktuellt/{news}", as: publicPage }],
  "routes/aterstall-losenord.$token": [{ path: "/aterstall-losenord/{resetToken}", as: ["visitor"] }],
  "routes/registrera_.bekrafta.$token": [{ path: "/registrera/bekrafta/{registrationToken}", as: ["visitor"] }],
  "routes/nyhetsbrev.bekrafta": [{ path: "/nyhetsbrev/bekrafta?token={signupToken}", as: ["visitor"] }],
  "routes/nyhetsbrev.avregistrera": [{ path: "/nyhetsbrev/avregistrera?token={unsubscribeToken}", as: ["visitor"] }],
  "routes/logga-in_.kod": [{ path: "/logga-in/kod", as: ["two_factor"] }],
  "routes/sok": [{ path: "/sok?q=skola", as: publicPage }],
  "routes/rapportera": [{ path: "/rapportera?typ=idea&id={otherIdea}", as: ["resident"] }],
  "routes/moderering.omprovning.$id": [{ path: "/moderering/omprovning/{appeal}", as: ["resident"] }],
  "routes/konto": [{ as: signedIn }],
  "routes/konto_.tvastegs": [{ as: signedIn }],
  "routes/konto_.radera": [{ as: ["resident"] }],
  "routes/notiser": [{ as: signedIn }],
  "routes/moderator._index": [{ as: ["moderator", "admin"] }],
  "routes/moderator.atgard": [{ path: "/moderator/atgard?typ=idea&id={idea}", as: ["moderator"] }],
  "routes/moderator.personuppgifter": [{ path: "/moderator/personuppgifter?type=idea&id={idea}", as: ["moderator"] }],
  "routes/moderator.installningar": [{ as: ["admin"] }],
  "routes/labbet._index": [{ as: ["lab_staff", "admin"] }],
  "routes/labbet.ide.$id": [{ path: "/labbet/ide/{labIdea}", as: ["lab_staff"] }],
  "routes/labbet.utmaningar": [{ as: ["lab_staff"] }],
  "routes/labbet.nytt-projekt": [{ as: ["lab_staff"] }],
  "routes/redaktion._index": [{ as: ["lab_staff", "admin"] }],
  "routes/redaktion.om": [{ as: ["lab_staff"] }],
  "routes/redaktion.meddelanden": [{ as: ["admin"] }],
  "routes/redaktion.aktuellt.$id": [
    { path: "/redaktion/aktuellt/{newsId}", as: ["lab_staff"] },
    { path: "/redaktion/aktuellt/ny", as: ["admin"] },
  ],
  "routes/admin.anvandare": [{ as: ["admin"] }],
  "routes/insikter": [{ as: ["visitor", "lab_staff"] }],
  "routes/logga-in": [{ as: ["visitor"] }],
  "routes/registrera": [{ as: ["visitor"] }],
  "routes/glomt-losenord": [{ as: ["visitor"] }],
};

/** The URL path of a route, from its own path and its parents'. */
function fullPath(build: ServerBuild, id: string): string {
  const parts: string[] = [];
  for (let route = build.routes[id]; route; route = route.parentId ? build.routes[route.parentId] : undefined!) {
    if (route.path) parts.unshift(route.path);
  }
  return "/" + parts.join("/");
}

/** The pages (routes with a component), and how to visit each. Throws for a page it cannot visit. */
export function pagesOf(build: ServerBuild): PageVisit[] {
  const problems: string[] = [];
  const pages: PageVisit[] = [];
  for (const id of Object.keys(visits))
    if (!build.routes[id]) problems.push(`tests/support/pages.ts describes ${id}, which the build does not have`);
  for (const [id, route] of Object.entries(build.routes)) {
    if (typeof route.module.default !== "function") continue; // a resource route: no page
    const path = fullPath(build, id);
    const described = visits[id];
    if (!described && /[:*]/.test(path)) {
      problems.push(`${id} (${path}) needs parameters: describe how to visit it in tests/support/pages.ts`);
      continue;
    }
    for (const visit of described ?? [{ as: publicPage }]) {
      for (const as of visit.as) {
        pages.push({
          name: `${id} as ${as}${described && described.length > 1 ? ` (${visit.path})` : ""}`,
          routeId: id,
          path: visit.path ?? path,
          as,
          status: visit.status ?? 200,
          errorPage: visit.errorPage,
        });
      }
    }
  }
  if (problems.length > 0) throw new Error(problems.join("\n"));
  return pages;
}

/** Real ids, slugs and tokens from the seeded database (and the few rows the pages need besides). */
export async function fillValues(database: Pick<Database, "db" | "rows">): Promise<Map<string, string>> {
  const { db, rows } = database;
  const one = async <T>(what: string, query: ReturnType<typeof sql>): Promise<T> => {
    const [row] = await rows<T>(query);
    if (!row) throw new Error(`the seeded database has no ${what}`);
    return row;
  };
  const userId = async (email: string) => (await one<{ id: string }>(email, sql`select id from users where email = ${email}`)).id;
  const resident = await userId(loginEmails.resident);
  const moderator = await userId(loginEmails.moderator);
  const lab = await userId(loginEmails.lab_staff);
  const idea = await one<{ id: number }>(
    "visible idea of the resident",
    sql`select id from ideas where author_id = ${resident} and not hidden and deleted_at is null order by id limit 1`,
  );
  const otherIdea = await one<{ id: number }>(
    "visible idea of someone else",
    sql`select id from ideas where author_id <> ${resident} and not hidden and deleted_at is null order by id limit 1`,
  );
  const labIdea = await one<{ id: number }>(
    "idea for the lab",
    sql`select id from ideas where not hidden and deleted_at is null order by (status = 'ready_for_review') desc, id limit 1`,
  );
  const thread = await one<{ idea_id: number; id: number }>(
    "comment with replies",
    sql`select c.idea_id, c.id from comments c where c.parent_id is null and not c.hidden and exists (select 1 from comments r where r.parent_id = c.id) order by c.id limit 1`,
  );
  const comment = await one<{ id: number }>(
    "comment of the resident",
    sql`select id from comments where author_id = ${resident} and not hidden and deleted_at is null order by id limit 1`,
  );
  const challenge = await one<{ slug: string }>(
    "open challenge",
    sql`select slug from challenges where status = 'open' order by id limit 1`,
  );
  const focusArea = await one<{ slug: string }>("focus area", sql`select slug from focus_areas order by id limit 1`);
  const news = await one<{ id: number; slug: string }>(
    "published news item",
    sql`select id, slug from news_items where published order by id limit 1`,
  );
  let project = (await rows<{ slug: string }>(sql`select slug from lab_projects order by id limit 1`))[0];
  if (!project) {
    const created = await createProject(db, {
      actorId: lab,
      leadId: lab,
      title: "Läxhjälp i biblioteket",
      summary: "Ett projekt att visa på projektsidan.",
      challengeId: null,
      partnerIds: [],
    });
    if (!created.ok) throw new Error(created.problem);
    project = { slug: created.project.slug };
  }
  // A moderator's decision on the resident's idea, which its author may ask to have reviewed.
  const appeal = await one<{ id: number }>(
    "moderation decision",
    sql`insert into moderation_actions (actor_id, action, target_type, target_id, reason, reason_category, public)
        values (${moderator}, 'idea.lock', 'idea', ${String(idea.id)}, 'Tråden har spårat ur.', 'off_topic', true) returning id`,
  );
  // Two-step verification on the second resident's account, for the code page.
  await rows(
    sql`update users set totp_secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', totp_enabled_at = now() where email = ${twoFactorEmail}`,
  );
  const reset = await createResetToken(db, loginEmails.resident);
  const signup = await requestSignup(db, "nyfiken@example.se");
  const registration = await startRegistration(db, {
    email: "ny-invanare@example.se",
    displayName: "Ny Invånare",
    password: "fyra slumpade ord i rad",
    locale: "sv",
  });
  if (!registration.ok || registration.mail.kind !== "confirm") throw new Error("could not start a registration");
  const subscribed = await requestSignup(db, "prenumerant@example.se");
  if (!reset || signup.kind !== "confirm" || subscribed.kind !== "confirm") throw new Error("could not make the tokens");
  const confirmed = await confirmSignup(db, subscribed.token);
  if (!confirmed.ok) throw new Error("could not confirm the subscription");
  return new Map(
    Object.entries({
      idea: idea.id,
      otherIdea: otherIdea.id,
      labIdea: labIdea.id,
      threadIdea: thread.idea_id,
      thread: thread.id,
      comment: comment.id,
      profile: resident,
      challenge: challenge.slug,
      focusArea: focusArea.slug,
      news: news.slug,
      newsId: news.id,
      project: project.slug,
      appeal: appeal.id,
      resetToken: reset.token,
      registrationToken: registration.mail.token,
      signupToken: signup.token,
      unsubscribeToken: confirmed.unsubscribeToken,
    }).map(([key, value]) => [key, encodeURIComponent(String(value))]),
  );
}

/** The path with its {placeholders} filled in. */
export function fillPath(path: string, values: Map<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = values.get(key);
    if (value === undefined) throw new Error(`no value for {${key}} in ${path}`);
    return value;
  });
}

/** The visitors the pages need, each in its own browser context (signed in where the role says so). */
export async function contextsFor(
  browser: Browser,
  baseURL: string,
  visitors: Iterable<Visitor>,
  options: { viewport?: { width: number; height: number } } = {},
): Promise<Map<Visitor, BrowserContext>> {
  const contexts = new Map<Visitor, BrowserContext>();
  await Promise.all(
    [...new Set(visitors)].map(async (as) => {
      const context = await browser.newContext({ baseURL, viewport: options.viewport ?? { width: 1280, height: 900 } });
      if (as !== "visitor") {
        const page = await context.newPage();
        if (as === "two_factor") await signIn(page, baseURL, twoFactorEmail, demoPassword, { landsOn: "/logga-in/kod" });
        else await signIn(page, baseURL, loginEmails[as]);
        await page.close();
      }
      contexts.set(as, context);
    }),
  );
  return contexts;
}

/** The same visitors as plain HTTP clients (for tests that read the HTML as the server sends it). */
export async function httpClientsFor(baseUrl: string, visitors: Iterable<Visitor>): Promise<Map<Visitor, HttpClient>> {
  const clients = new Map<Visitor, HttpClient>();
  for (const as of new Set(visitors)) {
    const client = new HttpClient(baseUrl);
    if (as !== "visitor") {
      const response = await client.login(as === "two_factor" ? twoFactorEmail : loginEmails[as], demoPassword);
      const expected = as === "two_factor" ? "/logga-in/kod" : "/";
      if (new URL(response.headers.get("Location") ?? "", baseUrl).pathname !== expected)
        throw new Error(`signing in as ${as} went to ${response.headers.get("Location")}`);
    }
    clients.set(as, client);
  }
  return clients;
}
