import { config } from "~/config.server";
import { checkSameOrigin, originOf } from "./same-origin";

/** This site's origins: the one the request was made to, and PUBLIC_URL's when set. */
export function allowedOrigins(requestUrl: string): string[] {
  const publicUrl = config().PUBLIC_URL;
  const origins = [originOf(requestUrl)];
  if (publicUrl) origins.push(originOf(publicUrl));
  return origins;
}

/**
 * For actions: refuses (403) a state-changing request that a browser did not send from this
 * site. The Express middleware (server/same-origin.ts) already applies the same rule to every
 * request; calling this in an action keeps the rule when the action runs behind another server.
 */
export function assertSameOrigin(request: Request): void {
  const verdict = checkSameOrigin(
    {
      method: request.method,
      origin: request.headers.get("Origin"),
      secFetchSite: request.headers.get("Sec-Fetch-Site"),
    },
    allowedOrigins(request.url),
  );
  if (!verdict.allowed) throw new Response("Cross-site request refused", { status: 403 });
}
