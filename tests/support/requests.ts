import type { Actor } from "~/accounts/permissions";
import { startSession } from "~/accounts/sessions.server";
import type { Database } from "~/db.server";

const ORIGIN = "http://localhost";

/**
 * A request from a signed-in person (a real session row and cookie), for calling route
 * loaders and actions directly. A form makes it a same-origin POST, as a browser sends it.
 */
export async function requestAs(
  db: Database,
  actor: Actor | null,
  path: string,
  form?: Record<string, string | string[]>,
  headers: Record<string, string> = {},
): Promise<Request> {
  const all = new Headers(headers);
  if (actor) {
    const setCookie = await startSession(db, {
      userId: actor.userId,
      request: new Request(`${ORIGIN}/login`),
    });
    const session = setCookie.split(";")[0]!;
    all.set("Cookie", [all.get("Cookie"), session].filter(Boolean).join("; "));
  }
  if (!form) return new Request(`${ORIGIN}${path}`, { headers: all });
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
  }
  all.set("Content-Type", "application/x-www-form-urlencoded");
  all.set("Origin", ORIGIN);
  return new Request(`${ORIGIN}${path}`, { method: "POST", headers: all, body });
}

/** What a route returned with `data(value, { status })`. */
export function unwrapData<T>(result: unknown): { data: T; status: number } {
  const value = result as { type?: string; data: T; init?: { status?: number } | null };
  if (value?.type !== "DataWithResponseInit") throw new Error("expected data(...) from the route");
  return { data: value.data, status: value.init?.status ?? 200 };
}

/** Runs a loader or action that should refuse, and returns the status of what it threw. */
export async function refusal(run: () => Promise<unknown>): Promise<number> {
  try {
    await run();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
  throw new Error("expected the route to refuse");
}
