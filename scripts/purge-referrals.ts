/**
 * `npm run referrals:purge`: erases the personal data of referrals closed more than
 * REFERRAL_RETENTION_DAYS (default 90) ago, keeping their statistics. The app also runs this
 * daily; running it again is harmless. Uses DATABASE_URL, or the embedded PostgreSQL of a
 * running `npm start` (started for the duration of the script if needed).
 */
import { migrateDatabase } from "#db/migrate";
import { config } from "~/config.server";
import { connectDatabase } from "~/db.server";
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
