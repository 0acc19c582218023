/**
 * `npm run search:reindex`: migrates (as every script does), then rebuilds the search index from the database into a new index and
 * swaps it in (searches keep answering throughout). Uses DATABASE_URL / MEILI_HOST when set,
 * else the embedded services of a running `npm start` on PUENTE_DATA_DIR (or starts them).
 */
import { migrateDatabase } from "#db/migrate";
import { config, parseConfig } from "~/config.server";
import { connectDatabase } from "~/db.server";
import { reindexAll } from "~/search/reindex.server";
import { attachOrStartEmbeddedServices } from "../server/services-client";

async function main() {
  const initial = parseConfig(process.env);
  const needPostgres = !initial.DATABASE_URL;
  const needMeili = !initial.MEILI_HOST;
  const services =
    needPostgres || needMeili
      ? await attachOrStartEmbeddedServices({
          dataDir: initial.PUENTE_DATA_DIR,
          postgres: needPostgres,
          meili: needMeili,
        })
      : undefined;
  if (services?.databaseUrl) process.env.DATABASE_URL = services.databaseUrl;
  if (services?.meiliHost) {
    process.env.MEILI_HOST = services.meiliHost;
    process.env.MEILI_MASTER_KEY = services.meiliMasterKey;
  }

  const connection = connectDatabase(config().DATABASE_URL!, { max: 2 });
  try {
    await migrateDatabase(config().DATABASE_URL!);
    const { documents, durationMs } = await reindexAll(connection.db);
    console.log(`[puente] search index rebuilt: ${documents} documents in ${durationMs} ms`);
  } finally {
    await connection.close();
    await services?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
