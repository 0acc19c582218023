/**
 * CSRF defence for every state-changing request: the browser must say the request comes from
 * this site. Modern browsers send Sec-Fetch-Site on every request and Origin on every POST;
 * a request with neither is refused too (no browser we support omits both, and a missing
 * header must not become the way around the check).
 */
export const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface OriginHeaders {
  method: string;
  origin: string | null | undefined;
  secFetchSite: string | null | undefined;
}

export type OriginVerdict = { allowed: true } | { allowed: false; reason: string };

/** `allowedOrigins`: this site's own origin(s), e.g. `https://puente.example.org`. */
export function checkSameOrigin(
  request: OriginHeaders,
  allowedOrigins: readonly string[],
): OriginVerdict {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return { allowed: true };
  const site = request.secFetchSite?.trim().toLowerCase();
  if (site) {
    // "none": typed in the address bar or opened from a bookmark, never from another page.
    if (site === "same-origin" || site === "none") return { allowed: true };
    return { allowed: false, reason: `Sec-Fetch-Site: ${site}` };
  }
  const origin = request.origin?.trim();
  if (!origin) return { allowed: false, reason: "no Origin or Sec-Fetch-Site header" };
  if (allowedOrigins.includes(origin.toLowerCase())) return { allowed: true };
  return { allowed: false, reason: `Origin ${origin} is not this site` };
}

export function originOf(url: string): string {
  return new URL(url).origin.toLowerCase();
}
