/**
 * `npm run db:seed`: migrates, then upserts the taxonomy and the demo directory. Idempotent:
 * running it again gives the same rows. The running app picks the changes up through the
 * search outbox.
 */
import { migrateDatabase } from "#db/migrate";
import { seedDemoData } from "~/seed.server";
import { connectDatabase } from "~/db.server";
import { runScript, withDatabaseUrl } from "./with-database";

runScript("db:seed", () =>
  withDatabaseUrl(async (databaseUrl) => {
    const started = performance.now();
    await migrateDatabase(databaseUrl);
    const connection = connectDatabase(databaseUrl, { max: 2 });
    try {
      const summary = await seedDemoData(connection.db);
      console.log(
        `[puente] seeded in ${Math.round(performance.now() - started)} ms: ` +
          `${summary.organizations} organizations, ${summary.services} services, ` +
          `${summary.locations} locations, ${summary.phones} phones, ` +
          `${summary.schedules} opening-hour rows, taxonomy of ${summary.taxonomyTerms} terms`,
      );
    } finally {
      await connection.close();
    }
  }),
);
