import type { RequestHandler } from "express";
import type { AppConfig } from "~/config.server";
import { checkSameOrigin, originOf } from "~/security/same-origin";

/**
 * CSRF defence for the whole app: every request other than GET/HEAD/OPTIONS must come from a
 * page of this site (Sec-Fetch-Site / Origin); anything else gets 403 before Remix runs.
 * Browsers too old to send Sec-Fetch-Site send `Origin: null` under our referrer policy and
 * are refused (Safari before 16.4, Firefox before 90): see docs/decisions.
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
    if (!verdict.allowed) {
      response.status(403).type("text/plain").send("Cross-site request refused");
      return;
    }
    // Under `Referrer-Policy: no-referrer` browsers send `Origin: null` with form posts; the
    // request was proven same-origin by Sec-Fetch-Site above. Remix's own origin check would
    // read "null" as a mismatch and refuse every form submitted without JavaScript.
    if (request.headers.origin === "null") delete request.headers.origin;
    next();
  };
}
