import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, inject } from "vitest";
import postgres from "postgres";
import { Meilisearch } from "meilisearch";
import { connectDatabase, type Database } from "~/db.server";

const TEMPLATE_DATABASE = "puente_test_template";

export interface TestEnvironment {
  db: Database;
  databaseUrl: string;
  meili: Meilisearch;
  indexPrefix: string;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * A fresh database (cloned from the migrated template) and a fresh Meilisearch index prefix
 * for this test file, against the real services started by global-setup. Also points
 * process.env at them, so code that reads configuration (routes, db(), meili()) uses them.
 *
 *   const env = useTestEnvironment();
 *   it("...", async () => { await env().db.select()... });
 */
export function useTestEnvironment(): () => TestEnvironment {
  let environment: TestEnvironment | undefined;
  let close: (() => Promise<void>) | undefined;
  const suffix = randomBytes(5).toString("hex");
  const databaseName = `puente_test_${suffix}`;
  const adminUrl = inject("adminDatabaseUrl");

  beforeAll(async () => {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`CREATE DATABASE ${databaseName} TEMPLATE ${TEMPLATE_DATABASE}`);
    } finally {
      await admin.end();
    }
    const databaseUrl = withDatabase(adminUrl, databaseName);
    const indexPrefix = `test_${suffix}_`;
    process.env.DATABASE_URL = databaseUrl;
    process.env.MEILI_HOST = inject("meiliHost");
    process.env.MEILI_MASTER_KEY = inject("meiliMasterKey");
    process.env.MEILI_INDEX_PREFIX = indexPrefix;
    const connection = connectDatabase(databaseUrl, { max: 4 });
    close = connection.close;
    environment = {
      db: connection.db,
      databaseUrl,
      indexPrefix,
      meili: new Meilisearch({ host: inject("meiliHost"), apiKey: inject("meiliMasterKey") }),
    };
  });

  afterAll(async () => {
    const { closeSharedDatabase } = await import("~/db.server");
    await closeSharedDatabase();
    await close?.();
    if (environment) {
      const { results } = await environment.meili.getIndexes({ limit: 1000 });
      await Promise.all(
        results
          .filter((index) => index.uid.startsWith(environment!.indexPrefix))
          .map((index) => environment!.meili.deleteIndex(index.uid)),
      );
    }
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  });

  return () => {
    if (!environment) throw new Error("useTestEnvironment() is only available inside tests");
    return environment;
  };
}
