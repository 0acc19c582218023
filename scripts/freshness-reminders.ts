/**
 * `npm run jobs:freshness-reminders`: emails the editors of listings nobody confirmed in
 * 180 days (at most once per 30 days per organization). The app also runs this daily; running
 * it by hand as well sends nothing twice.
 */
import { migrateDatabase } from "#db/migrate";
import { connectDatabase } from "~/db.server";
import { sendFreshnessReminders } from "~/directory/freshness.server";
import { runScript, withDatabaseUrl } from "./with-database";

runScript("jobs:freshness-reminders", () =>
  withDatabaseUrl(async (databaseUrl) => {
    await migrateDatabase(databaseUrl);
    const connection = connectDatabase(databaseUrl, { max: 1 });
    try {
      const result = await sendFreshnessReminders(connection.db, new Date());
      console.log(
        result.skipped
          ? "[puente] another process is sending freshness reminders right now; nothing sent"
          : `[puente] freshness reminders queued for ${result.reminded} organization(s)`,
      );
    } finally {
      await connection.close();
    }
  }),
);
