/**
 * What the server logs about an unexpected error: where it happened (a route id or a job's
 * name), the error's name and code, the same for each of its causes, and a few stack frames.
 *
 * Never its message: drizzle-orm writes the failed query and its parameters there (what
 * someone searched for, a session's hash), PostgreSQL writes values of the failing row into
 * `detail`, and messages of other libraries may quote a URL. For the same reason the request's
 * URL (its query string is a search), headers and body are never logged either.
 */

const SAFE_WORD = /^[A-Za-z0-9_.:-]{1,64}$/;
const MAX_CAUSES = 4;
const MAX_FRAMES = 6;

function field(value: unknown, key: "name" | "code" | "status"): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const raw = (value as Record<string, unknown>)[key];
  const text = typeof raw === "number" ? String(raw) : raw;
  return typeof text === "string" && SAFE_WORD.test(text) ? text : undefined;
}

function label(error: unknown): string {
  if (typeof error !== "object" || error === null) return typeof error;
  const name = field(error, "name") ?? error.constructor?.name ?? "object";
  const details = [field(error, "code"), field(error, "status")].filter(Boolean);
  return details.length > 0 ? `${name} ${details.join(" ")}` : name;
}

/** Stack frames only ("at file:line"): the first lines of a stack repeat the message. */
function frames(error: unknown): string[] {
  const stack = error instanceof Error ? error.stack : undefined;
  if (!stack) return [];
  return stack
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .slice(0, MAX_FRAMES)
    .map((line) => `    ${line.trim()}`);
}

/** "DrizzleQueryError ← PostgresError 42P01" and a few stack frames; nothing else. */
export function describeError(error: unknown): string {
  const chain = [label(error)];
  let cause =
    typeof error === "object" && error !== null ? (error as { cause?: unknown }).cause : undefined;
  while (cause !== undefined && chain.length <= MAX_CAUSES) {
    chain.push(label(cause));
    cause =
      typeof cause === "object" && cause !== null
        ? (cause as { cause?: unknown }).cause
        : undefined;
  }
  return [chain.join(" ← "), ...frames(error)].join("\n");
}

/** Logs an unexpected error the one safe way: `where` is a route id or a job's name. */
export function logError(where: string, error: unknown): void {
  console.error(`[puente] error in ${where}: ${describeError(error)}`);
}
