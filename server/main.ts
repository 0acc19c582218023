/**
 * `npm start` / `npm run dev`: starts embedded PostgreSQL and Meilisearch when DATABASE_URL /
 * MEILI_HOST are not set, migrates, seeds an empty database with demo data, brings the search
 * index in line with the database, then serves the Remix app and runs its background jobs.
 * SIGINT/SIGTERM stop the HTTP server, the jobs, the pool and the embedded services, in order.
 */
import "./node-env";
import type { Server } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { config, parseConfig, publicOrigin } from "~/config.server";
import { migrateDatabase } from "#db/migrate";
import { createApp } from "./app";
import { guardAgainstPostgresClosedSocketWrite } from "./postgres-write-guard";
import { prepareData } from "./prepare";
import { startEmbeddedServices, type EmbeddedServices } from "./services-client";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dev = process.argv.includes("--dev");

type JobsModule = { startBackgroundJobs(): Promise<void>; stopBackgroundJobs(): Promise<void> };
const log = (message: string) => console.log(`[puente] ${message}`);

async function startServices(): Promise<EmbeddedServices | undefined> {
  const initial = parseConfig(process.env);
  const postgres = !initial.DATABASE_URL;
  const meili = !initial.MEILI_HOST;
  if (!postgres && !meili) return undefined;
  log(
    `starting embedded ${[postgres && "PostgreSQL", meili && "Meilisearch"].filter(Boolean).join(" and ")} in ${path.resolve(initial.PUENTE_DATA_DIR)}`,
  );
  const services = await startEmbeddedServices({
    dataDir: initial.PUENTE_DATA_DIR,
    postgres,
    meili,
  });
  if (services.databaseUrl) {
    process.env.DATABASE_URL = services.databaseUrl;
    // Lets referrals generate their encryption key next to the embedded database (see crypto).
    process.env.PUENTE_EMBEDDED_DATABASE = "true";
  }
  if (services.meiliHost) {
    process.env.MEILI_HOST = services.meiliHost;
    process.env.MEILI_MASTER_KEY = services.meiliMasterKey;
  }
  return services;
}

async function main() {
  const started = performance.now();
  guardAgainstPostgresClosedSocketWrite();
  let services: EmbeddedServices | undefined;
  let jobs: JobsModule | undefined;
  let httpServer: Server | undefined;
  let stopping = false;

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    await new Promise<void>((resolve) => {
      if (!httpServer) return resolve();
      httpServer.close(() => resolve());
      httpServer.closeIdleConnections();
      setTimeout(() => httpServer?.closeAllConnections(), 5_000).unref();
    });
    await jobs?.stopBackgroundJobs().catch((error: unknown) => console.error(error));
    await services?.stop();
    log("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  try {
    services = await startServices();
    const settings = config();
    if (settings.NODE_ENV === "production" && !settings.PUBLIC_URL) {
      // Only reachable with the embedded database: with DATABASE_URL, config() refuses.
      console.warn(
        `[puente] PUBLIC_URL is not set: links in emails and referral slips point to ${publicOrigin(settings)}. ` +
          "Set PUBLIC_URL to the address people use before anyone else uses this instance.",
      );
    }
    await migrateDatabase(settings.DATABASE_URL!);
    await prepareData();

    const { app, getBuild } = await createApp(settings, { dev, root });

    jobs = (await getBuild()).entry.module as unknown as JobsModule;
    await jobs.startBackgroundJobs();

    await new Promise<void>((resolve) => {
      httpServer = app.listen(settings.PORT, settings.HOST, resolve);
    });
    log(
      `ready in ${Math.round(performance.now() - started)} ms: http://${settings.HOST === "127.0.0.1" ? "localhost" : settings.HOST}:${settings.PORT}`,
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await jobs?.stopBackgroundJobs().catch(() => {});
    await services?.stop();
    process.exit(1);
  }
}

void main();
