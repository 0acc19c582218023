import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll } from "vitest";
import { config, type AppConfig } from "~/config.server";
import { createApp, type PuenteApp } from "../../server/app";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * The whole app (Express, security headers, the Remix request handler with entry.server)
 * listening on a free loopback port, for tests that make real HTTP requests. Call after
 * useTestEnvironment(), so the configuration points at the test's database.
 *
 *   const app = useHttpApp();
 *   const response = await fetch(`${app().base}/en/search?q=asylum`);
 */
export function useHttpApp(
  settings: () => AppConfig = config,
): () => { base: string; puente: PuenteApp } {
  let server: Server | undefined;
  let puente: PuenteApp | undefined;
  let base = "";
  beforeAll(async () => {
    puente = await createApp(settings(), { dev: true, root });
    server = await new Promise<Server>((resolve) => {
      const started = puente!.app.listen(0, "127.0.0.1", () => resolve(started));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Vite compiles the app on the first request: here, not in the first test's time.
    await (await fetch(`${base}/en/help`)).arrayBuffer();
  }, 180_000);
  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await puente?.close();
  });
  return () => {
    if (!puente) throw new Error("useHttpApp() is only available inside tests");
    return { base, puente };
  };
}
