import { redirect } from "@remix-run/node";
import { db as sharedDb } from "~/db.server";
import { detectLocale, localeFromUrl } from "~/i18n/i18n.server";
import { localePath } from "~/i18n/locales";
import type { Actor } from "~/accounts/permissions";
import type { Role } from "#db/codes/accounts";
import type { PublicUser } from "./public-user";
import { safeRedirectPath } from "./redirect";
import { findSessionActor, readSessionToken } from "./session-store.server";

/**
 * Who is making a request, for loaders and actions: getActor, requireActor, requireRole.
 * The sessions themselves (cookie, Postgres rows, timeouts) live in session-store.server.ts,
 * re-exported here.
 */
export * from "./session-store.server";

// Several loaders of one request (root, layout, page) ask for the actor: one lookup each request.
const actorsByRequest = new WeakMap<Request, Promise<Actor | null>>();

/** The signed-in person making this request, or null. */
export function getActor(request: Request): Promise<Actor | null> {
  let actor = actorsByRequest.get(request);
  if (!actor) {
    const token = readSessionToken(request);
    actor = token ? findSessionActor(sharedDb(), token) : Promise.resolve(null);
    actorsByRequest.set(request, actor);
  }
  return actor;
}

/** `/<lang>/login?redirectTo=<this page>`; the target is always a path on this site. */
export async function loginPath(request: Request, redirectTo?: string): Promise<string> {
  const url = new URL(request.url);
  const locale = await detectLocale(request, localeFromUrl(request));
  const target = safeRedirectPath(redirectTo ?? `${url.pathname}${url.search}`, "");
  const query = target ? `?${new URLSearchParams({ redirectTo: target })}` : "";
  return `${localePath(locale, "/login")}${query}`;
}

/**
 * The signed-in actor, or a redirect to the login page that comes back here afterwards
 * (or to `redirectTo`, which must be a path on this site).
 */
export async function requireActor(
  request: Request,
  options: { redirectTo?: string } = {},
): Promise<Actor> {
  const actor = await getActor(request);
  if (!actor) throw redirect(await loginPath(request, options.redirectTo));
  return actor;
}

/** requireActor, then 403 unless the account has one of the roles. */
export async function requireRole(
  request: Request,
  roles: Role | readonly Role[],
  options: { redirectTo?: string } = {},
): Promise<Actor> {
  const actor = await requireActor(request, options);
  const allowed: readonly Role[] = typeof roles === "string" ? [roles] : roles;
  if (!allowed.includes(actor.role)) throw new Response("Forbidden", { status: 403 });
  return actor;
}

export function publicUser(actor: Actor): PublicUser {
  return {
    name: actor.name,
    email: actor.email,
    role: actor.role,
    organizationCount: actor.organizationIds.length,
  };
}
