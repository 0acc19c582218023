import type { Actor } from "~/accounts/permissions";
import { PLACEHOLDER_ACTOR_HEADER } from "~/accounts/sessions.server";

/**
 * A request from a signed-in person, for calling route loaders and actions directly. The one
 * place that knows how a session is carried: when the real accounts sessions replace the
 * placeholder, only this helper changes (to sign the actor in and send the session cookie).
 */
export function requestAs(
  actor: Actor | null,
  path: string,
  form?: Record<string, string | string[]>,
  headers: Record<string, string> = {},
): Request {
  const init: RequestInit = { headers: { ...headers } };
  if (actor)
    (init.headers as Record<string, string>)[PLACEHOLDER_ACTOR_HEADER] = JSON.stringify(actor);
  if (form) {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(form)) {
      for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
    }
    init.method = "POST";
    init.body = body;
    (init.headers as Record<string, string>)["Content-Type"] = "application/x-www-form-urlencoded";
  }
  return new Request(`http://localhost${path}`, init);
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
