import { afterEach, expect } from "vitest";

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
