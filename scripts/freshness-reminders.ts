/**
 * `npm run jobs:freshness-reminders`: emails the editors of listings nobody confirmed in
 * 180 days (at most once per 30 days per organization). The app also runs this daily; running
 * it by hand as well sends nothing twice. Needs DATABASE_URL.
 */
import { requireDatabaseUrl } from "~/config.server";
import { connectDatabase } from "~/db.server";
import { sendFreshnessReminders } from "~/directory/freshness.server";

async function main() {
  const connection = connectDatabase(requireDatabaseUrl(), { max: 1 });
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
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
