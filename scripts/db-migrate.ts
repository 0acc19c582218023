/** `npm run db:migrate`: applies the committed migrations (db/migrations) and exits. */
import { migrateDatabase } from "#db/migrate";
import { runScript, withDatabaseUrl } from "./with-database";

runScript("db:migrate", () =>
  withDatabaseUrl(async (databaseUrl) => {
    const started = performance.now();
    await migrateDatabase(databaseUrl);
    console.log(`[puente] migrations applied in ${Math.round(performance.now() - started)} ms`);
  }),
);
