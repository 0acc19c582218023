/**
 * Placeholder, replaced at merge by the accounts branch (real Postgres-backed sessions).
 * Keeps only the interface the listings routes code against: `getActor` and `requireActor`.
 * Here the actor comes from a JSON request header, and never in production.
 */
import { redirect } from "@remix-run/node";
import { ROLES, type Actor } from "~/accounts/permissions";
import { config } from "~/config.server";

export const PLACEHOLDER_ACTOR_HEADER = "x-puente-placeholder-actor";

export async function getActor(request: Request): Promise<Actor | null> {
  if (config().NODE_ENV === "production") return null;
  const raw = request.headers.get(PLACEHOLDER_ACTOR_HEADER);
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Actor;
    return ROLES.includes(value.role) ? value : null;
  } catch {
    return null;
  }
}

export async function requireActor(
  request: Request,
  options: { redirectTo?: string } = {},
): Promise<Actor> {
  const actor = await getActor(request);
  if (actor) return actor;
  const url = new URL(request.url);
  const redirectTo = options.redirectTo ?? `${url.pathname}${url.search}`;
  throw redirect(`/login?${new URLSearchParams({ redirectTo })}`);
}
