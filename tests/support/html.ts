import { parse, parseFragment, type DefaultTreeAdapterMap } from "parse5";

/**
 * Pages are read as a browser reads them: parse5 follows the WHATWG parsing algorithm, so entities,
 * unquoted or odd attributes, `form=` owners and implied end tags mean what they mean in Chromium,
 * which regular expressions over the markup get wrong.
 */

export type Element = DefaultTreeAdapterMap["element"];
type Node = DefaultTreeAdapterMap["node"];
type ParentNode = DefaultTreeAdapterMap["parentNode"];

/** A whole page, as a browser without JavaScript builds it (`<noscript>` content is markup). */
export function parseHtml(html: string): ParentNode {
  return parse(html, { scriptingEnabled: false });
}

/** Every element under `root` (a parsed tree or HTML text), in document order; template contents included. */
export function elements(root: ParentNode | string, ...tagNames: string[]): Element[] {
  const tree = typeof root === "string" ? (/^\s*<(!doctype|html)/i.test(root) ? parseHtml(root) : parseFragment(root)) : root;
  const wanted = new Set(tagNames.map((t) => t.toLowerCase()));
  const found: Element[] = [];
  const visit = (node: ParentNode) => {
    for (const child of node.childNodes) {
      if (isElement(child)) {
        if (wanted.size === 0 || wanted.has(child.tagName)) found.push(child);
        if (child.tagName === "template") visit((child as DefaultTreeAdapterMap["template"]).content);
      }
      if ("childNodes" in child) visit(child as ParentNode);
    }
  };
  visit(tree);
  return found;
}

function isElement(node: Node): node is Element {
  return "tagName" in node;
}

/** An attribute's value as the browser sees it (entities decoded), or undefined when absent. */
export function attr(element: Element, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name)?.value;
}

export function attrs(element: Element): Record<string, string> {
  return Object.fromEntries(element.attrs.map((a) => [a.name, a.value]));
}

/** The text inside a node, without scripts and styles; elements part the words as tags would. */
export function textOf(node: ParentNode): string {
  const parts: string[] = [];
  const visit = (current: ParentNode) => {
    for (const child of current.childNodes) {
      if (child.nodeName === "#text") parts.push((child as DefaultTreeAdapterMap["textNode"]).value);
      else if (isElement(child)) {
        if (child.tagName === "script" || child.tagName === "style" || child.tagName === "template") continue;
        parts.push(" ");
        visit(child);
        parts.push(" ");
      }
    }
  };
  visit(node);
  return parts.join("").replace(/\s+/g, " ");
}

/** What a reader of the page sees as text (entities decoded, whitespace collapsed). */
export function visibleText(html: string): string {
  return textOf(parseHtml(html));
}

export interface Form {
  attrs: Record<string, string>;
  /** The form's own controls, also those outside it that name it with `form=` (as the browser submits them). */
  fields: (Record<string, string> & { tag: string })[];
}

/** Every form of a page with its controls. */
export function formsOf(html: string): Form[] {
  const tree = parseHtml(html);
  const forms = elements(tree, "form");
  const byId = new Map(forms.flatMap((f) => (attr(f, "id") ? [[attr(f, "id")!, f] as const] : [])));
  const owned = new Map<Element, Form["fields"]>(forms.map((f) => [f, []]));
  const controls = ["input", "textarea", "select", "button"];
  const ownerOf = (control: Element): Element | undefined => {
    const named = attr(control, "form");
    if (named !== undefined) return byId.get(named);
    for (let node = control.parentNode; node && "tagName" in node; node = (node as Element).parentNode)
      if ((node as Element).tagName === "form") return node as Element;
    return undefined;
  };
  for (const control of elements(tree, ...controls)) {
    const owner = ownerOf(control);
    if (owner) owned.get(owner)!.push({ ...attrs(control), tag: control.tagName });
  }
  return forms.map((f) => ({ attrs: attrs(f), fields: owned.get(f)! }));
}

/** Every href on the page (links, `<link>`, image-map areas), entities decoded. */
export function hrefsOf(html: string): string[] {
  return elements(parseHtml(html)).flatMap((element) => {
    const href = attr(element, "href");
    return href === undefined ? [] : [href];
  });
}

/**
 * Markup that would run: script elements that are not the page's own (nonce-carrying) ones,
 * event-handler attributes, javascript:, vbscript: and data: URLs, and embedding elements. What
 * counts is what a browser would build: escaped text inside a value (value="&lt;img onerror=…&gt;")
 * is text, while `<img/src=x onerror=…>` or `href="jav&#x61;script:…"` are found.
 */
export function executableMarkup(html: string): string[] {
  const found: string[] = [];
  for (const element of elements(parse(html))) {
    const name = element.tagName;
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
  return found;
}
