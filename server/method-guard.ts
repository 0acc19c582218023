import type { ServerBuild } from "@remix-run/node";
import { matchRoutes } from "@remix-run/react";
import type { RequestHandler } from "express";
import { isLocale } from "~/i18n/locales";
import { answer } from "./request-limits";

type RouteNode = Parameters<typeof matchRoutes>[0][number];

function routeTree(routes: ServerBuild["routes"], parentId?: string): RouteNode[] {
  return Object.values(routes)
    .filter((route) => route.parentId === parentId)
    .map((route) =>
      route.index
        ? { id: route.id, path: route.path, index: true, caseSensitive: route.caseSensitive }
        : {
            id: route.id,
            path: route.path,
            caseSensitive: route.caseSensitive,
            children: routeTree(routes, route.id),
          },
    );
}

const trees = new WeakMap<ServerBuild["routes"], RouteNode[]>();
/**
 * Matching ranks every route again on each call (a tenth of the CPU of a home page went
 * into route matching): the last few hundred answers are kept, per build.
 */
const MATCH_CACHE_SIZE = 500;
const matchCaches = new WeakMap<ServerBuild["routes"], Map<string, RouteMatches>>();
type RouteMatches = NonNullable<ReturnType<typeof matchRoutes<RouteNode>>>;

/** The page a URL is for: single fetch asks for `/es/login` as `/es/login.data` (`/_root.data`). */
function pagePath(url: URL): string {
  if (url.pathname === "/_root.data") return "/";
  return url.pathname.replace(/\.data$/, "");
}

function matchesOf(build: ServerBuild, url: URL): RouteMatches {
  let tree = trees.get(build.routes);
  if (!tree) trees.set(build.routes, (tree = routeTree(build.routes)));
  let cache = matchCaches.get(build.routes);
  if (!cache) matchCaches.set(build.routes, (cache = new Map()));
  const path = pagePath(url);
  let matches = cache.get(path);
  if (!matches) {
    matches = matchRoutes(tree, path) ?? [];
    if (cache.size >= MATCH_CACHE_SIZE) cache.clear();
    cache.set(path, matches);
  }
  return matches;
}

/** The route whose action a POST to this URL would run, chosen the way Remix chooses it. */
function actionRouteId(matches: ReturnType<typeof matchesOf>, url: URL): string | undefined {
  if (!matches.length) return undefined;
  // A naked `?index` targets the index route; otherwise the deepest route with a path.
  if (url.searchParams.getAll("index").some((value) => value === ""))
    return matches.at(-1)!.route.id!;
  const withPath = matches.filter((match, position) => position === 0 || match.route.path);
  return withPath.at(-1)!.route.id!;
}

/**
 * What Remix cannot be trusted to refuse before a loader has run (loaders run in parallel, so
 * a page's loader would read, and audit a read of, data for a URL that answers 404):
 * - a language prefix that is not one of ours (`/co/staff/referrals/<id>`): 404;
 * - a method a page does not take: pages take GET and HEAD, and POST where they have an
 *   action; anything else gets 405. Remix would answer 405 too, but with its internal message
 *   (which names our route files) in the page and an error in the log for every such request;
 * - a pre-single-fetch `?_data=` request for a route that does not exist: 400 (our pages never
 *   send them, and Remix would answer a misleading "Unexpected Server Error").
 * Each answer is short plain text in the visitor's language.
 */
export function methodGuard(getBuild: () => Promise<ServerBuild>): RequestHandler {
  return (request, response, next) => {
    const refuse = (status: number, kind: Parameters<typeof answer>[2], allow?: string) => {
      if (allow) response.set("Allow", allow);
      answer(response, status, kind, request.originalUrl, request.get("accept-language"));
    };
    getBuild()
      .then((build) => {
        const url = new URL(request.originalUrl, "http://localhost");
        // Remix's own endpoint for lazy route discovery: not a page.
        if (url.pathname === "/__manifest" && request.method === "GET") return next();
        const matches = matchesOf(build, url);
        const lang = matches.at(-1)?.params.lang;
        if (lang !== undefined && !isLocale(lang)) return refuse(404, "notFound");
        const legacyData = url.searchParams.get("_data");
        if (legacyData !== null && !build.routes[legacyData]) return refuse(400, "badRequest");
        if (["GET", "HEAD", "OPTIONS"].includes(request.method)) return next();
        if (request.method !== "POST") return refuse(405, "methodNotAllowed", "GET, HEAD, POST");
        const id = actionRouteId(matches, url);
        if (id && build.routes[id]?.module.action) return next();
        refuse(405, "methodNotAllowed", "GET, HEAD");
      })
      .catch(next);
  };
}
