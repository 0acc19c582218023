/**
 * `npm run search:reindex`: migrates (as every script does), then rebuilds the search index
 * from the database into a new index and swaps it in (searches keep answering throughout), and
 * rewrites search_documents, the Postgres fallback's copy, in one transaction.
 * Uses DATABASE_URL / MEILI_HOST when set, else the embedded services of a running
 * `npm start` on PUENTE_DATA_DIR (or starts them).
 */
import { migrateDatabase } from "#db/migrate";
import { connectDatabase } from "~/db.server";
import { ensureSearchRows, reindexAll } from "~/search/reindex.server";
import { runScript, withDatabaseUrl } from "./with-database";

runScript("search:reindex", () =>
  withDatabaseUrl(
    async (databaseUrl) => {
      const connection = connectDatabase(databaseUrl, { max: 2 });
      try {
        await migrateDatabase(databaseUrl);
        const { documents, durationMs } = await reindexAll(connection.db);
        console.log(`[puente] search index rebuilt: ${documents} documents in ${durationMs} ms`);
        const started = performance.now();
        const { rewritten } = await ensureSearchRows(connection.db, { always: true });
        console.log(
          `[puente] fallback rows rewritten: ${rewritten} in ${Math.round(performance.now() - started)} ms`,
        );
      } finally {
        await connection.close();
      }
    },
    { meili: true },
  ),
);
