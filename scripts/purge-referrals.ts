/**
 * `npm run referrals:purge`: closes referrals inactive for REFERRAL_INACTIVE_DAYS (default 60),
 * erases the personal data of referrals closed more than REFERRAL_RETENTION_DAYS (default 90)
 * ago, keeping their statistics, and destroys the data keys no row uses any more. The app also
 * runs this daily; running it again is harmless. Uses DATABASE_URL, or the embedded PostgreSQL of a
 * running `npm start` (started for the duration of the script if needed).
 */
import { migrateDatabase } from "#db/migrate";
import { config } from "~/config.server";
import { connectDatabase } from "~/db.server";
<<<<<<< HEAD
import { purgeExpiredPersonalData } from "~/referrals/retention.server";
import { runScript, withDatabaseUrl } from "./with-database";

runScript("referrals:purge", () =>
  withDatabaseUrl(async (databaseUrl) => {
    await migrateDatabase(databaseUrl);
    const connection = connectDatabase(databaseUrl, { max: 1 });
    try {
      const days = config().REFERRAL_RETENTION_DAYS;
      const purged = await purgeExpiredPersonalData(connection.db, new Date(), days);
      console.log(
        `[puente] erased the personal data of ${purged.referrals} referral(s) closed more than ${days} days ago` +
          ` (${purged.notes} timeline note(s))`,
      );
    } finally {
      await connection.close();
    }
  }),
);
=======
import { vacuumDataKeys } from "~/referrals/data-keys.server";
import { retentionPolicy, runRetention } from "~/referrals/retention.server";
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
  if (services?.databaseUrl) {
    process.env.DATABASE_URL = services.databaseUrl;
    process.env.PUENTE_EMBEDDED_DATABASE = "true";
  }
  const connection = connectDatabase(config().DATABASE_URL!, { max: 1 });
  try {
    await migrateDatabase(config().DATABASE_URL!);
    const policy = retentionPolicy();
    const done = await runRetention(connection.db, new Date(), policy);
    if (done.destroyedKeys.length > 0) await vacuumDataKeys(connection.db);
    console.log(
      `[puente] closed ${done.closed} referral(s) inactive for ${policy.inactiveDays} days; ` +
        `erased the personal data of ${done.referrals} referral(s) closed more than ` +
        `${policy.retentionDays} days ago (${done.notes} timeline note(s)); ` +
        `destroyed data key(s): ${done.destroyedKeys.join(", ") || "none"}`,
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
>>>>>>> refpriv
