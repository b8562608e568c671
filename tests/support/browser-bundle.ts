import fs from "node:fs";
import path from "node:path";
import { parse } from "@babel/parser";
import traverseModule from "@babel/traverse";
import type * as t from "@babel/types";

/**
 * Reads the browser bundles in public/build as the browser gets them.
 *
 * The Remix compiler replaces every `*.server.*` module with an empty CommonJS module in the browser
 * build; esbuild then leaves a stub `var X = __commonJS((exports, module) => { module.exports = {} })`
 * and binds an import of it as `var ns = __toESM(X(), 1)`. A component that reads `ns.anything`
 * gets `undefined` in the browser. This module finds every such read, following stubs and their
 * namespaces across the shared chunks that export them.
 */

// @babel/traverse is CommonJS: its default export arrives as `{ default }` under Node's ESM loader.
const traverse = ((traverseModule as unknown as { default?: typeof traverseModule }).default ??
  traverseModule) as typeof traverseModule;

export const publicBuildDir = path.resolve("public/build");

/** "/build/_shared/chunk-X.js" → the file on disk. */
export function chunkFile(url: string): string {
  return path.join(publicBuildDir, url.replace(/^\/build\//, ""));
}

export interface ServerRead {
  chunk: string;
  /** The property read from a blanked module (`*` when the whole namespace is used). */
  name: string;
  /** A few characters around the read, from the minified code. */
  excerpt: string;
}

interface ChunkFacts {
  /** blank-module factories declared in this chunk */
  declaredStubs: number;
  /** exported name → "stub" (a blank-module factory) or "namespace" (an imported blank module) */
  exports: Map<string, "stub" | "namespace">;
  reads: ServerRead[];
}

/** `X((e, m) => { m.exports = {} })`: esbuild's wrapper around an empty CommonJS module. */
function isBlankModuleFactory(node: t.Node | null | undefined): boolean {
  if (!node || node.type !== "CallExpression" || node.arguments.length !== 1) return false;
  const fn = node.arguments[0];
  if (fn.type !== "ArrowFunctionExpression" && fn.type !== "FunctionExpression") return false;
  if (fn.params.length !== 2 || fn.params[1].type !== "Identifier") return false;
  const moduleName = fn.params[1].name;
  const body =
    fn.body.type === "BlockStatement" ? fn.body.body : [{ type: "ExpressionStatement", expression: fn.body } as t.Statement];
  if (body.length !== 1 || body[0].type !== "ExpressionStatement") return false;
  const expression = body[0].expression;
  return (
    expression.type === "AssignmentExpression" &&
    expression.left.type === "MemberExpression" &&
    expression.left.object.type === "Identifier" &&
    expression.left.object.name === moduleName &&
    expression.left.property.type === "Identifier" &&
    expression.left.property.name === "exports" &&
    expression.right.type === "ObjectExpression" &&
    expression.right.properties.length === 0
  );
}

function excerpt(code: string, node: t.Node): string {
  const start = Math.max(0, (node.start ?? 0) - 40);
  return code.slice(start, (node.end ?? 0) + 40);
}

function analyseChunk(url: string, code: string, facts: Map<string, ChunkFacts>): ChunkFacts {
  // Parsing is the slow part: a chunk that neither declares a blank module nor imports from a chunk
  // that exports one cannot read one.
  const importsBlank = [...code.matchAll(/from\s*"([^"]+)"/g)].some((m) => (facts.get(m[1])?.exports.size ?? 0) > 0);
  if (!importsBlank && !/exports\s*=\s*\{\s*\}/.test(code)) return { declaredStubs: 0, exports: new Map(), reads: [] };
  const ast = parse(code, { sourceType: "module" });
  const stubs = new Set<string>();
  const namespaces = new Set<string>();
  const reads: ServerRead[] = [];
  const exports = new Map<string, "stub" | "namespace">();

  // Names this chunk imports from chunks already analysed that export a stub or a namespace.
  for (const statement of ast.program.body) {
    if (statement.type !== "ImportDeclaration") continue;
    const from = facts.get(statement.source.value);
    if (!from) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type !== "ImportSpecifier") continue;
      const imported = specifier.imported.type === "Identifier" ? specifier.imported.name : specifier.imported.value;
      const kind = from.exports.get(imported);
      if (kind === "stub") stubs.add(specifier.local.name);
      if (kind === "namespace") namespaces.add(specifier.local.name);
    }
  }

  traverse(ast, {
    VariableDeclarator(p) {
      if (p.node.id.type === "Identifier" && isBlankModuleFactory(p.node.init)) stubs.add(p.node.id.name);
    },
  });
  // `ns = __toESM(stub(), 1)` (or the stub's result used directly).
  traverse(ast, {
    CallExpression(p) {
      const callee = p.node.callee;
      if (callee.type !== "Identifier" || !stubs.has(callee.name) || p.node.arguments.length !== 0) return;
      const binding = p.scope.getBinding(callee.name);
      if (!binding || binding.scope !== p.scope.getProgramParent()) return;
      let target: typeof p.parentPath = p.parentPath;
      if (target?.node.type === "CallExpression") target = target.parentPath; // __toESM(stub(), 1)
      if (target?.node.type === "VariableDeclarator" && target.node.id.type === "Identifier") {
        namespaces.add(target.node.id.name);
      } else if (target?.node.type !== "ExpressionStatement" && target?.node.type !== "ExportDefaultDeclaration") {
        // (`export default stub()` is how the compiler writes a resource route: nothing for the browser.)
        reads.push({ chunk: url, name: "*", excerpt: excerpt(code, p.node) });
      }
    },
  });
  traverse(ast, {
    Program(p) {
      for (const name of namespaces) {
        const binding = p.scope.getBinding(name);
        if (!binding) continue;
        for (const ref of binding.referencePaths) {
          const parent = ref.parentPath?.node;
          if (parent?.type === "ExportSpecifier") continue; // followed in the importing chunk
          const property =
            parent?.type === "MemberExpression" && parent.object === ref.node
              ? parent.property.type === "Identifier" && !parent.computed
                ? parent.property.name
                : parent.property.type === "StringLiteral"
                  ? parent.property.value
                  : "*"
              : "*";
          reads.push({ chunk: url, name: property, excerpt: excerpt(code, parent ?? ref.node) });
        }
      }
    },
    ExportNamedDeclaration(p) {
      for (const specifier of p.node.specifiers) {
        if (specifier.type !== "ExportSpecifier") continue;
        const exported = specifier.exported.type === "Identifier" ? specifier.exported.name : specifier.exported.value;
        if (stubs.has(specifier.local.name)) exports.set(exported, "stub");
        if (namespaces.has(specifier.local.name)) exports.set(exported, "namespace");
      }
    },
  });
  let declaredStubs = 0;
  traverse(ast, {
    VariableDeclarator(p) {
      if (isBlankModuleFactory(p.node.init)) declaredStubs++;
    },
  });
  return { declaredStubs, exports, reads };
}

/** Every chunk of the browser build, each before the chunks that import it. */
function chunksInImportOrder(): { url: string; code: string }[] {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".js"))
        files.set("/build/" + path.relative(publicBuildDir, full).split(path.sep).join("/"), fs.readFileSync(full, "utf8"));
    }
  };
  walk(publicBuildDir);
  const ordered: { url: string; code: string }[] = [];
  const seen = new Set<string>();
  const visit = (url: string) => {
    if (seen.has(url)) return;
    seen.add(url);
    const code = files.get(url);
    if (code === undefined) return;
    for (const match of code.matchAll(/from\s*"(\/build\/[^"]+\.js)"/g)) visit(match[1]);
    ordered.push({ url, code });
  };
  for (const url of [...files.keys()].sort()) visit(url);
  return ordered;
}

/**
 * Every read of a value from a blanked `.server` module, in any chunk of public/build, and how many
 * blanked modules there are at all (none would mean the compiler's output changed and the check is blind).
 */
export function serverReadsInBrowserBuild(): { reads: ServerRead[]; blankModules: number } {
  return findServerReads(chunksInImportOrder());
}

/** The same over given chunks, each listed after the chunks it imports. */
export function findServerReads(chunks: { url: string; code: string }[]): { reads: ServerRead[]; blankModules: number } {
  const facts = new Map<string, ChunkFacts>();
  const reads: ServerRead[] = [];
  let blankModules = 0;
  for (const { url, code } of chunks) {
    const chunk = analyseChunk(url, code, facts);
    facts.set(url, chunk);
    reads.push(...chunk.reads);
    blankModules += chunk.declaredStubs;
  }
  return { reads, blankModules };
}

/**
 * Code that has no business in a browser: recognisable by strings that survive minification.
 * Drizzle's column and table classes carry their names (`"PgColumn"`, `"PgTable"`) as entity kinds.
 */
export const serverOnlyMarkers: { what: string; pattern: RegExp }[] = [
  { what: "drizzle-orm pg-core (db/schema)", pattern: /"Pg(?:Table|Column|Enum\w*|Text|Integer|Serial|Timestamp)"/ },
  { what: "drizzle-orm", pattern: /"(?:SQL|Relations|DrizzleError|TransactionRollbackError)"/ },
  { what: "postgres.js", pattern: /"(?:postgres\.js|PostgresError)"/ },
  { what: "PGlite", pattern: /@electric-sql\/pglite|"PGlite"/ },
  { what: "lucia", pattern: /"auth_session"|lucia/i },
  { what: "argon2", pattern: /argon2/i },
  { what: "nodemailer", pattern: /nodemailer/i },
  { what: "pino", pattern: /"pino"|pino-std-serializers/ },
  // Node's Buffer is no browser global: code that calls it was written for Node (a CSV writer once
  // reached the insights page this way, and the page never hydrated).
  { what: "Node's Buffer", pattern: /(?<![\w$])Buffer\.(?:from|alloc|allocUnsafe|concat|byteLength|isBuffer)\(/ },
];
