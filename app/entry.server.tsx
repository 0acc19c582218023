import { randomBytes } from "node:crypto";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { isRouteErrorResponse, matchRoutes, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
// React's Web Streams renderer, on Node too: the Node one (renderToPipeableStream, React
// 18.3) sends its whole 2,048-byte buffer, unwritten zero bytes included, whenever a
// multi-byte character does not fit at its end (react issue 31134), which put NUL bytes into
// pages in Chinese, Russian, Bengali, Arabic... This one copies exactly the bytes it encoded.
import { renderToReadableStream } from "react-dom/server.browser";
import serverManifest from "virtual:remix/server-manifest";
import { config } from "~/config.server";
import { isDatabaseUnavailable } from "~/db.server";
import { registerServerTranslations } from "~/i18n/bundles";
import { resourcesFor } from "~/i18n/resources.server";
import { logError } from "~/error-log.server";
import { MarkupOnlyProvider } from "~/http/markup-only";
import { contentSecurityPolicy } from "~/security/csp";
import { NonceProvider } from "~/security/nonce";

export { startBackgroundJobs, stopBackgroundJobs } from "~/jobs.server";

// Pages render with the translations in memory; browsers load theirs as chunks.
registerServerTranslations(resourcesFor);

const ABORT_DELAY = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // The Express server makes the nonce and sends the CSP (server/security-headers.ts); when
  // the app runs without it, the page still gets a policy matching its nonce.
  let nonce = loadContext.cspNonce;
  if (!nonce) {
    nonce = randomBytes(16).toString("base64");
    const settings = config();
    responseHeaders.set(
      "Content-Security-Policy",
      contentSecurityPolicy({
        nonce,
        mapTileUrl: settings.MAP_TILE_URL,
        development: settings.NODE_ENV === "development",
      }),
    );
  }
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), ABORT_DELAY);
  let shellRendered = false;
  let body: Awaited<ReturnType<typeof renderToReadableStream>>;
  try {
    body = await renderToReadableStream(
      <NonceProvider nonce={nonce}>
        <MarkupOnlyProvider value={loadContext.markupOnly}>
          <RemixServer
            context={remixContext}
            url={request.url}
            abortDelay={ABORT_DELAY}
            nonce={nonce}
          />
        </MarkupOnlyProvider>
      </NonceProvider>,
      {
        nonce,
        signal: abort.signal,
        onError(error: unknown) {
          responseStatusCode = 500;
          // Before the shell, the error reaches Remix (and handleError) through the rejection.
          if (shellRendered) logError(routeIdOf(request), error);
        },
      },
    );
  } catch (error) {
    clearTimeout(timer);
    throw error;
  }
  shellRendered = true;
  // Once everything has rendered there is nothing left to abort: no timer keeps a stopping
  // server alive.
  body.allReady.then(
    () => clearTimeout(timer),
    () => clearTimeout(timer),
  );
  // Bots get the whole page at once; people get the shell as soon as it is ready.
  if (isbot(request.headers.get("user-agent") ?? "")) await body.allReady.catch(() => {});
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(body, { headers: responseHeaders, status: responseStatusCode });
}

/**
 * Errors thrown by loaders, actions and rendering: logged as names, codes and the route id
 * only (app/error-log.server.ts), never with the URL, the parameters or the message. One that
 * only says the database was unreachable makes the answer a 503 (server/database-outage.ts).
 */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  // The visitor went away: not an error of ours.
  if (request.signal.aborted) return;
  const cause = isRouteErrorResponse(error)
    ? ((error as { error?: unknown }).error ?? error)
    : error;
  if (isDatabaseUnavailable(cause)) context.databaseUnavailable?.();
  logError(routeIdOf(request), cause);
};

interface RouteNode {
  id: string;
  path?: string;
  index?: boolean;
  caseSensitive?: boolean;
  children?: RouteNode[];
}

let routeTree: RouteNode[] | undefined;

function childrenOf(parentId: string | undefined): RouteNode[] {
  return Object.values(serverManifest.routes)
    .filter((route) => route.parentId === parentId)
    .map((route) => ({
      id: route.id,
      path: route.path,
      index: route.index,
      caseSensitive: route.caseSensitive,
      children: route.index ? undefined : childrenOf(route.id),
    }));
}

/** The id of the route a request is for ("routes/($lang).search"), from its path only. */
function routeIdOf(request: Request): string {
  routeTree ??= childrenOf(undefined);
  const pathname = new URL(request.url).pathname.replace(/\.data$/, "").replace(/^\/_root$/, "/");
  const matches = matchRoutes(routeTree as Parameters<typeof matchRoutes>[0], pathname);
  return (matches?.at(-1)?.route as RouteNode | undefined)?.id ?? "an unknown route";
}
