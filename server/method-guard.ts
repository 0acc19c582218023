import type { ServerBuild } from "@remix-run/node";
import { matchRoutes } from "@remix-run/react";
import type { RequestHandler } from "express";
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

/** The route whose action a POST to this URL would run, chosen the way Remix chooses it. */
function actionRouteId(build: ServerBuild, url: URL): string | undefined {
  const matches = matchRoutes(routeTree(build.routes), url.pathname);
  if (!matches?.length) return undefined;
  // A naked `?index` targets the index route; otherwise the deepest route with a path.
  if (url.searchParams.getAll("index").some((value) => value === "")) return matches.at(-1)!.route.id!;
  const withPath = matches.filter((match, position) => position === 0 || match.route.path);
  return withPath.at(-1)!.route.id!;
}

/**
 * Pages take GET and HEAD, and POST where they have an action; anything else gets 405 here,
 * (and a `_data` request for a route that does not exist, 400)
 * in the visitor's language. Remix would answer 405 too, but with its internal message (which
 * names our route files) in the page and an error in the log for every such request.
 */
export function methodGuard(getBuild: () => Promise<ServerBuild>): RequestHandler {
  return (request, response, next) => {
    const legacyData = request.query._data;
    if (legacyData !== undefined) {
      // Remix's pre-single-fetch data requests name a route; our pages never send them, and an
      // unknown name would be answered with a misleading "Unexpected Server Error".
      return getBuild()
        .then((build) => {
          if (typeof legacyData === "string" && build.routes[legacyData]) return next();
          answer(response, 400, "badRequest", request.originalUrl, request.get("accept-language"));
        })
        .catch(next);
    }
    if (["GET", "HEAD", "OPTIONS"].includes(request.method)) return next();
    const refuse = (allow: string) => {
      response.set("Allow", allow);
      answer(response, 405, "methodNotAllowed", request.originalUrl, request.get("accept-language"));
    };
    if (request.method !== "POST") return refuse("GET, HEAD, POST");
    getBuild()
      .then((build) => {
        const id = actionRouteId(build, new URL(request.originalUrl, "http://localhost"));
        if (id && build.routes[id]?.module.action) return next();
        refuse("GET, HEAD");
      })
      .catch(next);
  };
}
