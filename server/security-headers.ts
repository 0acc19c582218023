import { randomBytes } from "node:crypto";
import type { RequestHandler } from "express";
import type { AppConfig } from "~/config.server";
import { contentSecurityPolicy } from "~/security/csp";

declare module "express-serve-static-core" {
  interface Locals {
    /** This response's CSP nonce; handed to Remix through the load context. */
    cspNonce: string;
  }
}

/**
 * Headers every response carries, including a Content-Security-Policy with a fresh nonce
 * per request (entry.server gives the same nonce to Remix's inline scripts).
 */
export function securityHeaders(settings: AppConfig): RequestHandler {
  const development = settings.NODE_ENV === "development";
  return (_request, response, next) => {
    const nonce = randomBytes(16).toString("base64");
    response.locals.cspNonce = nonce;
    response.setHeader(
      "Content-Security-Policy",
      contentSecurityPolicy({ nonce, mapTileUrl: settings.MAP_TILE_URL, development }),
    );
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    response.setHeader(
      "Permissions-Policy",
      "geolocation=(self), camera=(), microphone=(), interest-cohort=()",
    );
    // Browsers ignore HSTS received over plain HTTP, so sending it in production is safe even
    // before TLS is in front of the app.
    if (settings.NODE_ENV === "production") {
      response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    next();
  };
}
