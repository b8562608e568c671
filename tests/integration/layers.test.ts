import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The layer rules of eslint.config.js, tried on code that breaks them: each probe is linted as if it
 * were a file at the given place in the tree (the file need not exist; what it imports does).
 */
const root = path.resolve(import.meta.dirname, "../..");
let eslint: ESLint;

async function problemsOf(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

describe("the layers", () => {
  it("keep React, Remix and the UI out of the domain", async () => {
    const found = await problemsOf(
      "app/domain/site/probe.server.ts",
      `import { json } from "@remix-run/node";\nimport { translate } from "../../ui/i18n";\nexport const x = [json, translate];\n`,
    );
    expect(found).toEqual([
      expect.stringMatching(/^@typescript-eslint\/no-restricted-imports: .*@remix-run\/node/),
      expect.stringMatching(/^boundaries\/dependencies: .*"domain" to elements of type "ui"/),
    ]);
  });

  it("let server/ reach app/ only through app/server-entry.ts", async () => {
    const refused = await problemsOf(
      "server/probe.ts",
      `import { sessionCutoffs } from "../app/auth/session-policy";\nexport const x = sessionCutoffs;\n`,
    );
    expect(refused).toEqual([expect.stringMatching(/^boundaries\/dependencies: .*"server" to elements of type "auth"/)]);
    const allowed = await problemsOf(
      "server/probe.ts",
      `import { sessionCutoffs } from "../app/server-entry";\nexport const x = sessionCutoffs;\n`,
    );
    expect(allowed).toEqual([]);
  });

  it("let browser code import only types from server modules and the schema", async () => {
    const found = await problemsOf(
      "app/ui/Probe.tsx",
      `import { ideas } from "../../db/schema";\nimport type { Db } from "../../db/client";\nexport const x: [unknown, Db | null] = [ideas, null];\n`,
    );
    expect(found).toEqual([expect.stringMatching(/^@typescript-eslint\/no-restricted-imports: '\.\.\/\.\.\/db\/schema'/)]);
  });

  it("send every write through commit()", async () => {
    const found = await problemsOf(
      "app/routes/probe.tsx",
      `import type { ActionFunctionArgs } from "@remix-run/node";\nexport async function action({ context }: ActionFunctionArgs) {\n  context.live.publish([]);\n  context.mail.nudge();\n  return null;\n}\n`,
    );
    expect(found).toEqual([
      expect.stringMatching(/^no-restricted-syntax: Publish live events through commit/),
      expect.stringMatching(/^no-restricted-syntax: Hand mail to the worker through commit/),
    ]);
  });

  it("write the int4 limit once", async () => {
    const found = await problemsOf("app/domain/site/probe.ts", `export const limit = 2_147_483_647;\n`);
    expect(found).toEqual([expect.stringMatching(/^no-restricted-syntax: Use maxInt4/)]);
  });
});
