import { config } from "~/config.server";
import { connectDatabase } from "~/db.server";
import { ensureSearchIndex } from "~/search/reindex.server";
import { searchApiKey } from "~/search/search-key.server";
import { errorCode, isMeiliUnavailable } from "~/search/sync.server";
import { seedIfEmpty } from "~/seed.server";

/**
 * Start-up data work, on its own short-lived connection: bring the taxonomy up to date, seed
 * an empty database with demo data (unless SEED_DEMO_DATA=false), then bring the search index
 * in line with Postgres.
 */
export async function prepareData(): Promise<void> {
  const settings = config();
  const connection = connectDatabase(settings.DATABASE_URL!, { max: 2 });
  try {
    const seeded = await seedIfEmpty(connection.db, { demoData: settings.SEED_DEMO_DATA });
    if (seeded) {
      console.log(
        `[puente] seeded demo data: ${seeded.organizations} organizations, ${seeded.services} services`,
      );
    }
    await checkSearchKey();
    const search = await ensureSearchIndex(connection.db);
    if (search.action === "reindexed")
      console.log(`[puente] search index rebuilt: ${search.documents} documents`);
    else if (search.action === "unavailable")
      console.warn(
        `[puente] Meilisearch is not answering (${search.error}); searches use PostgreSQL until it is back`,
      );
  } finally {
    await connection.close();
  }
}

/**
 * Searches need a search-only key: find out now, not at the first search, when the key given
 * to Puente may not create one. A Meilisearch that does not answer yet is no reason to stop.
 */
async function checkSearchKey(): Promise<void> {
  try {
    await searchApiKey();
  } catch (error) {
    if (isMeiliUnavailable(error)) return;
    throw new Error(
      `Could not create Meilisearch's search-only key with MEILI_MASTER_KEY (${errorCode(error) ?? "error"}): ` +
        "give Puente the master key, or set MEILI_SEARCH_KEY to a key that may only search " +
        `the indexes ${config().MEILI_INDEX_PREFIX}*.`,
    );
  }
}
