import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll } from "vitest";
import { config } from "~/config.server";
import { createApp, type PuenteApp } from "../../server/app";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  method?: string;
  /** Sent byte for byte (latin1): bad percent-encoding and bytes that are not UTF-8 included. */
  path: string;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
}

/**
 * The whole app (Express, the security middleware, Remix through Vite) listening on a free
 * loopback port, for tests that must see what a visitor sees: the status and body that
 * actually go over the wire, including what Node's HTTP parser answers before Express runs.
 * The code is served by Vite (no build needed); `mode: "production"` makes Remix and the
 * middleware behave as deployed.
 */
export function useHttpServer(
  options: {
    /** Remix's mode: "production" hides what a visitor must never see, as deployed. */
    mode?: "production" | "test";
  } = {},
): {
  base: () => string;
  send: (request: RawRequest) => Promise<RawResponse>;
  /** The Remix build the server runs, for calling it without Express in front. */
  build: () => Promise<ServerBuild>;
} {
  let puente: PuenteApp | undefined;
  let server: http.Server | undefined;
  let port = 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

  beforeAll(async () => {
    const settings = { ...config(), NODE_ENV: options.mode ?? config().NODE_ENV };
    puente = await createApp(settings, { dev: true, root });
    server = await new Promise<http.Server>((resolve) => {
      const started = puente!.app.listen(0, "127.0.0.1", () => resolve(started));
    });
    port = (server.address() as AddressInfo).port;
    // Vite compiles the app on the first request: do it here, not inside a test's time limit.
    await fetch(`http://127.0.0.1:${port}/login`).then((response) => response.text());
  }, 180_000);

  afterAll(async () => {
    agent.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server?.closeAllConnections();
    await puente?.close();
  });

  const send = (request: RawRequest) =>
    new Promise<RawResponse>((resolve, reject) => {
      const body =
        request.body === undefined
          ? undefined
          : Buffer.isBuffer(request.body)
            ? request.body
            : Buffer.from(request.body, "utf8");
      const headers: Record<string, string | string[] | number> = {
        Host: `localhost:${port}`,
        ...request.headers,
      };
      if (body && !Object.keys(headers).some((name) => /^content-length$/i.test(name))) {
        headers["Content-Length"] = body.length;
      }
      const outgoing = http.request(
        {
          host: "127.0.0.1",
          port,
          method: request.method ?? "GET",
          path: request.path,
          headers,
          agent,
          insecureHTTPParser: false,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks).toString("utf8"),
            }),
          );
          response.on("error", reject);
        },
      );
      outgoing.on("error", reject);
      outgoing.end(body);
    });

  return { base: () => `http://localhost:${port}`, send, build: () => puente!.getBuild() };
}
