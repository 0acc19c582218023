import type { RequestHandler } from "express";
import type { AppConfig } from "~/config.server";

/** Headers every response carries; the page CSP (with its nonce) is set by entry.server. */
export function securityHeaders(settings: AppConfig): RequestHandler {
  return (_request, response, next) => {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    response.setHeader(
      "Permissions-Policy",
      "geolocation=(self), camera=(), microphone=(), interest-cohort=()",
    );
    if (settings.NODE_ENV === "production" && settings.PUBLIC_URL?.startsWith("https://")) {
      response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    next();
  };
}
