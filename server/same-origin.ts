import type { RequestHandler } from "express";
import type { AppConfig } from "~/config.server";
import { checkSameOrigin, originOf } from "~/security/same-origin";

/**
 * CSRF defence for the whole app: every request other than GET/HEAD/OPTIONS must come from a
 * page of this site (Sec-Fetch-Site / Origin); anything else gets 403 before Remix runs.
 */
export function sameOriginGuard(settings: AppConfig): RequestHandler {
  const publicOrigin = settings.PUBLIC_URL ? originOf(settings.PUBLIC_URL) : undefined;
  return (request, response, next) => {
    const own = `${request.protocol}://${request.get("host") ?? ""}`.toLowerCase();
    const verdict = checkSameOrigin(
      {
        method: request.method,
        origin: request.get("origin"),
        secFetchSite: request.get("sec-fetch-site"),
      },
      publicOrigin ? [own, publicOrigin] : [own],
    );
    if (verdict.allowed) return next();
    response.status(403).type("text/plain").send("Cross-site request refused");
  };
}
