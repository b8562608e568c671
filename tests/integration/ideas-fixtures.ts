import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { challenges, users } from "../../db/schema";
import { newId } from "../../db/ids";
import { parse } from "parse5";
import type { DefaultTreeAdapterMap } from "parse5";

type Element = DefaultTreeAdapterMap["element"];
type ParentNode = DefaultTreeAdapterMap["parentNode"];

/** Shared set-up for the forum tests: seeded users by e-mail, extra residents, a challenge id. */
export async function userId(db: Db, email: string): Promise<string> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}

export async function createResidents(db: Db, count: number, prefix = "boende"): Promise<string[]> {
  const rows = Array.from({ length: count }, (_, i) => ({
    id: newId(),
    email: `${prefix}${i}-${newId()}@example.se`,
    displayName: `${prefix} ${i}`,
    passwordHash: "not-a-login",
  }));
  await db.insert(users).values(rows);
  return rows.map((r) => r.id);
}

export async function challengeId(db: Db, slug: string): Promise<number> {
  const [row] = await db.select({ id: challenges.id }).from(challenges).where(eq(challenges.slug, slug));
  return row.id;
}

/** Counters as stored next to counts recomputed from the rows they summarise. */
export async function counterDrift(rows: <T>(q: ReturnType<typeof sql>) => Promise<T[]>) {
  return rows<{ kind: string; id: number; stored: number; actual: number }>(sql`
    select 'support' as kind, i.id, i.support_count as stored,
           (select count(*)::int from idea_supports s where s.idea_id = i.id) as actual
      from ideas i
    union all
    select 'comments', i.id, i.comment_count,
           (select count(*)::int from comments c where c.idea_id = i.id and c.deleted_at is null)
      from ideas i
    union all
    select 'score', c.id, c.score, coalesce((select sum(v.value)::int from comment_votes v where v.comment_id = c.id), 0)
      from comments c`).then((all) => all.filter((r) => Number(r.stored) !== Number(r.actual)));
}

/** The text of a page without tags and scripts, for "does the reader see X" checks. */
export function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/\s+/g, " ");
}

/**
 * Markup that would run: script elements that are not the page's own (nonce-carrying) ones,
 * event-handler attributes, javascript:, vbscript: and data: URLs, and embedding elements. The page
 * is parsed as a browser parses it (parse5 follows the WHATWG algorithm), so what counts is what a
 * browser would build: escaped text inside a value (value="&lt;img onerror=…&gt;") is text, while
 * `<img/src=x onerror=…>` or `href="jav&#x61;script:…"` are found.
 */
export function executableMarkup(html: string): string[] {
  const found: string[] = [];
  const visit = (node: ParentNode) => {
    for (const child of node.childNodes) {
      if ("tagName" in child) {
        const element = child as Element;
        const name = element.tagName.toLowerCase();
        const shown = `<${name}${element.attrs.map((a) => ` ${a.name}="${a.value}"`).join("")}>`;
        if (["img", "iframe", "svg", "object", "embed", "frame", "frameset", "base"].includes(name)) found.push(shown);
        if (name === "script" && !element.attrs.some((a) => a.name === "nonce")) found.push(shown);
        for (const { name: attribute, value } of element.attrs) {
          const key = attribute.toLowerCase();
          // Browsers drop whitespace and control characters inside a URL's scheme.
          // eslint-disable-next-line no-control-regex -- the characters a browser ignores in a scheme
          const url = value.replace(/[\u0000-\u0020]+/g, "").toLowerCase();
          if (key.startsWith("on")) found.push(shown);
          else if (
            ["href", "src", "action", "formaction", "xlink:href", "srcdoc"].includes(key) &&
            /^(javascript|vbscript|data):/.test(url)
          )
            found.push(shown);
        }
      }
      if ("content" in child && child.content) visit(child.content as ParentNode);
      if ("childNodes" in child) visit(child as ParentNode);
    }
  };
  visit(parse(html));
  return found;
}
