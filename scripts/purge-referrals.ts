/**
 * `npm run referrals:purge`: erases the personal data of referrals closed more than
 * REFERRAL_RETENTION_DAYS (default 90) ago, keeping their statistics. The app also runs this
 * daily; running it again is harmless. Uses DATABASE_URL, or the embedded PostgreSQL of a
 * running `npm start` (started for the duration of the script if needed).
 */
import { config, parseConfig } from "~/config.server";
import { connectDatabase } from "~/db.server";
import { purgeExpiredPersonalData } from "~/referrals/retention.server";
import { migrateDatabase } from "#db/migrate";
import { attachOrStartEmbeddedServices } from "../server/services-client";

async function main() {
  const initial = parseConfig(process.env);
  const services = initial.DATABASE_URL
    ? undefined
    : await attachOrStartEmbeddedServices({
        dataDir: initial.PUENTE_DATA_DIR,
        postgres: true,
        meili: false,
      });
  if (services?.databaseUrl) process.env.DATABASE_URL = services.databaseUrl;
  const connection = connectDatabase(config().DATABASE_URL!, { max: 1 });
  try {
    await migrateDatabase(config().DATABASE_URL!);
    const days = config().REFERRAL_RETENTION_DAYS;
    const purged = await purgeExpiredPersonalData(connection.db, new Date(), days);
    console.log(
      `[puente] erased the personal data of ${purged.referrals} referral(s) closed more than ${days} days ago` +
        ` (${purged.notes} timeline note(s))`,
    );
  } finally {
    await connection.close();
    await services?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
