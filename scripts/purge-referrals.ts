/**
 * `npm run referrals:purge`: closes referrals inactive for REFERRAL_INACTIVE_DAYS (default 60),
 * erases the personal data of referrals closed more than REFERRAL_RETENTION_DAYS (default 90)
 * ago, keeping their statistics, and destroys the data keys no row uses any more. The app also
 * runs this daily; running it again is harmless. Uses DATABASE_URL, or the embedded PostgreSQL of a
 * running `npm start` (started for the duration of the script if needed).
 */
import { migrateDatabase } from "#db/migrate";
import { connectDatabase } from "~/db.server";
import { vacuumDataKeys } from "~/referrals/data-keys.server";
import { retentionPolicy, runRetention } from "~/referrals/retention.server";
import { runScript, withDatabaseUrl } from "./with-database";

runScript("referrals:purge", () =>
  withDatabaseUrl(async (databaseUrl) => {
    await migrateDatabase(databaseUrl);
    const connection = connectDatabase(databaseUrl, { max: 1 });
    try {
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
    }
  }),
);
