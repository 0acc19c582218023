import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express, { type Express } from "express";
import type { AppConfig } from "~/config.server";
import { databaseOutageStatus, markDatabaseUnavailable } from "./database-outage";
import { methodGuard } from "./method-guard";
import { cleanErrors, requestLimits } from "./request-limits";
import { sameOriginGuard } from "./same-origin";
import { securityHeaders } from "./security-headers";

/** "true"/"false", a hop count, or addresses/subnets, as Express understands them. */
function trustProxyValue(value: string): boolean | number | string {
  if (value === "true" || value === "false") return value === "true";
  return /^\d+$/.test(value) ? Number(value) : value;
}

export interface PuenteApp {
  app: Express;
  getBuild: () => Promise<ServerBuild>;
  /** Stops the Vite dev server (development); nothing to do for a production build. */
  close(): Promise<void>;
}

/**
 * The HTTP stack: security headers (with the CSP nonce), size limits (414/413), the
 * same-origin guard for every state-changing request, static files, then Remix with a load
 * context carrying the nonce and the client address. `dev` serves the app through Vite instead of build/.
 */
export async function createApp(
  settings: AppConfig,
  options: { dev: boolean; root: string },
): Promise<PuenteApp> {
  const app = express();
  app.disable("x-powered-by");
  if (settings.TRUST_PROXY) app.set("trust proxy", trustProxyValue(settings.TRUST_PROXY));
  app.use(compression());
  app.use(securityHeaders(settings));
  app.use(requestLimits());
  app.use(sameOriginGuard(settings));

  let getBuild: () => Promise<ServerBuild>;
  let close = async () => {};
  if (options.dev) {
    const vite = await import("vite").then((v) =>
      v.createServer({ root: options.root, server: { middlewareMode: true } }),
    );
    app.use(vite.middlewares);
    getBuild = () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
    close = () => vite.close();
  } else {
    const buildPath = path.join(options.root, "build/server/index.js");
    const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
    getBuild = async () => build;
    app.use(
      "/assets",
      express.static(path.join(options.root, "build/client/assets"), {
        immutable: true,
        maxAge: "1y",
      }),
    );
    app.use(express.static(path.join(options.root, "build/client"), { maxAge: "1h" }));
  }
  app.use(methodGuard(getBuild));
  app.use(databaseOutageStatus());
  app.all(
    "*",
    createRequestHandler({
      build: getBuild,
      mode: settings.NODE_ENV,
      getLoadContext: (request, response) => ({
        cspNonce: response.locals.cspNonce,
        clientAddress: request.ip ?? request.socket.remoteAddress ?? "",
        databaseUnavailable: () => markDatabaseUnavailable(response),
        // A client-side navigation asks for `….data` (single fetch): its loader data is all
        // the browser gets. Any other request may render a document.
        markupOnly: request.path.endsWith(".data") ? undefined : new Map(),
      }),
    }),
  );
  app.use(cleanErrors());
  return { app, getBuild, close };
}
