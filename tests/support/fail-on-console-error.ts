import { afterEach, beforeEach, expect, vi } from "vitest";

/** An unexpected console.error fails the test: errors are behaviour a user would notice. */
let errors: unknown[][] = [];
let spy: ReturnType<typeof vi.spyOn> | undefined;

beforeEach(() => {
  errors = [];
  spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});

afterEach(() => {
  spy?.mockRestore();
  expect(errors, "console.error was called").toEqual([]);
});

/** For a test that expects an error to be logged: returns what was logged and clears it. */
export function takeConsoleErrors(): unknown[][] {
  return errors.splice(0);
}
