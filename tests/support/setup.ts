import os from "node:os";
import path from "node:path";
import { afterEach, expect } from "vitest";

// Notification mail from test servers goes to a throwaway folder, not the developer's data folder.
process.env.MAIL_OUTBOX_DIR ??= path.join(os.tmpdir(), `samhallsforum-test-mail-${process.pid}`);

// An unexpected console.error is a failure: React warnings and swallowed errors surface here.
const original = console.error;
let errors: unknown[][] = [];
console.error = (...args: unknown[]) => {
  errors.push(args);
  original(...args);
};
afterEach(() => {
  const seen = errors;
  errors = [];
  expect(seen, "console.error was called").toEqual([]);
});
