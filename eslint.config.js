// The project's rules, checked by `npm run lint` and in CI. The layer rules ("boundaries" and the
// restricted imports below) are the architecture the README describes; a change that needs to break
// one changes this file, in the open, with a reason.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import jsxA11y from "eslint-plugin-jsx-a11y";
import boundaries from "eslint-plugin-boundaries";
import prettier from "eslint-config-prettier";
import globals from "globals";

/** Each layer is a set of files; a file that belongs to none (tests, bench, scripts) is not checked by it. */
const layers = [
  { type: "domain", pattern: "app/domain" },
  { type: "auth", pattern: "app/auth" },
  { type: "http", pattern: "app/http" },
  { type: "ui", pattern: ["app/ui", "app/realtime"] },
  { type: "routes", pattern: "app/routes" },
  // root.tsx, the entries and the load context type: what holds the app together.
  { type: "shell", pattern: "app" },
  { type: "server", pattern: "server" },
  { type: "db", pattern: "db" },
];

/** Single files with a role of their own, picked out of their layer. */
const files = [
  { category: "server-entry", pattern: "app/server-entry.ts" },
  { category: "live-protocol", pattern: "app/realtime/events.ts" },
  { category: "permissions", pattern: "app/auth/permissions.ts" },
  { category: "env-schema", pattern: "server/env.ts" },
];

const allow = (from, to, fileCategories = []) => ({
  from: { element: { type: from } },
  allow: [
    { to: { element: { types: { anyOf: to } } } },
    ...fileCategories.map((category) => ({ to: { file: { categories: category } } })),
  ],
});

/** Who may import whom. Anything not listed is refused. */
const layerPolicies = [
  // The domain holds every query and rule: it knows the database, the permission rules and the shape of live events.
  allow("domain", ["domain", "db"], ["live-protocol", "permissions"]),
  allow("auth", ["auth", "domain", "db", "http"]),
  allow("http", ["http", "domain", "auth", "db", "ui"]),
  allow("ui", ["ui", "domain", "db"], ["permissions"]),
  allow("routes", ["routes", "http", "domain", "auth", "db", "ui"]),
  allow("shell", ["shell", "http", "domain", "auth", "db", "ui", "routes"]),
  // The server reaches the application through one listed module only.
  allow("server", ["server", "db"], ["server-entry"]),
  // db's command-line tools (db/cli-database.ts) parse the environment with the server's one schema.
  allow("db", ["db"], ["env-schema"]),
  // The live protocol is shared by the browser, the server and the domain: it imports nothing of theirs.
  {
    from: { file: { categories: "live-protocol" } },
    disallow: { to: { element: { types: { anyOf: ["domain", "auth", "http", "ui", "routes", "shell", "server"] } } } },
  },
];

/** Browser code: a value imported from a *.server module or from db/schema (drizzle's pg-core) ends up in the bundle. */
const noServerValues = {
  patterns: [
    {
      group: ["**/*.server", "**/db/schema", "**/db/schema/*", "**/db/client", "drizzle-orm", "drizzle-orm/*"],
      allowTypeImports: true,
      message: "Browser code may import only types from server modules and the schema (use db/constants for plain values).",
    },
  ],
};

const restrictedSyntax = [{ selector: "Literal[value=2147483647]", message: "Use maxInt4 from db/constants." }];

/** After a write, routes call commit() (app/http/commit.server.ts) and nothing else. */
const oneWritePath = [
  {
    selector: "CallExpression[callee.property.name='publish'][callee.object.property.name='live']",
    message: "Publish live events through commit(context, events) from app/http/commit.server.ts.",
  },
  {
    selector: "CallExpression[callee.property.name='nudge'][callee.object.property.name='mail']",
    message: "Hand mail to the worker through commit(context) from app/http/commit.server.ts.",
  },
];

export default tseslint.config(
  { ignores: ["build/**", "public/build/**", "node_modules/**", "data/**", ".cache/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // A closure may read a variable before its one assignment (a listener set up before the app exists).
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-restricted-syntax": ["error", ...restrictedSyntax],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["**/*.test.{ts,tsx}"],
    rules: { "no-restricted-syntax": ["error", ...restrictedSyntax, ...oneWritePath] },
  },
  {
    files: ["**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "error" },
  },
  { files: ["app/**/*.tsx"], ...jsxA11y.flatConfigs.recommended },
  {
    files: ["app/**/*.{ts,tsx}", "server/**/*.ts", "db/**/*.ts"],
    ignores: ["**/*.test.{ts,tsx}"],
    plugins: { boundaries },
    settings: {
      "boundaries/elements": layers,
      "boundaries/files": files,
      "import/resolver": { node: { extensions: [".ts", ".tsx", ".js"] } },
    },
    rules: {
      "boundaries/dependencies": ["error", { default: "disallow", policies: layerPolicies }],
    },
  },
  // One configuration: server/env.ts parses the environment once and the values are handed on.
  {
    files: ["app/**/*.{ts,tsx}", "server/**/*.ts", "db/**/*.ts"],
    ignores: ["**/*.test.{ts,tsx}", "server/env.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        {
          object: "process",
          property: "env",
          message: "Add the variable to the schema in server/env.ts and take its parsed value as a parameter.",
        },
      ],
    },
  },
  {
    files: ["app/domain/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "react",
                "react-dom",
                "react-dom/*",
                "@remix-run/*",
                "express",
                "socket.io",
                "socket.io-client",
                "react-i18next",
              ],
              message: "The domain knows no web framework: return data and problems, and let routes turn them into responses.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/ui/**/*.{ts,tsx}", "app/realtime/**/*.{ts,tsx}", "app/root.tsx", "app/entry.client.tsx"],
    ignores: ["**/*.test.{ts,tsx}", "app/ui/**/*.server.ts", "app/ui/mail-templates.ts"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", noServerValues] },
  },
  {
    files: ["app/routes/**/*.tsx", "app/root.tsx"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/db/schema", "**/db/schema/*", "**/db/client"],
              allowTypeImports: true,
              message: "Routes reach the database through app/domain; import types only (plain values are in db/constants).",
            },
          ],
        },
      ],
    },
  },
  prettier,
);
