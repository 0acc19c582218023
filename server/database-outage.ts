import type { RequestHandler, Response } from "express";

/** Seconds a client is asked to wait before trying again while the database is unreachable. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Marks the request as failed because PostgreSQL could not be reached (called from Remix's
 * handleError through the load context): its 500 is then answered as 503 with Retry-After.
 */
export function markDatabaseUnavailable(response: Response): void {
  response.locals.databaseUnavailable = true;
}

/**
 * A request that failed only because the database was unreachable (restarting, failing over)
 * is not a fault of the page: it answers 503 Service Unavailable with Retry-After, for pages,
 * client navigations and JSON routes alike, so load balancers, monitors and crawlers treat it
 * as temporary. The body stays the page Remix rendered ("Please try again in a moment").
 */
export function databaseOutageStatus(): RequestHandler {
  return (_request, response, next) => {
    const writeHead = response.writeHead;
    response.writeHead = function (this: Response, ...args: Parameters<Response["writeHead"]>) {
      if (args[0] === 500 && response.locals.databaseUnavailable === true) {
        args[0] = 503;
        response.statusMessage = "Service Unavailable";
        response.setHeader("Retry-After", String(RETRY_AFTER_SECONDS));
      }
      return writeHead.apply(this, args);
    } as Response["writeHead"];
    next();
  };
}
