import { startAccountHousekeeping } from "~/accounts/housekeeping.server";
import { config } from "~/config.server";
import { closeSharedDatabase, db } from "~/db.server";
import { sendFreshnessReminders } from "~/directory/freshness.server";
import { startMailDelivery } from "~/mail/mail.server";
import { keyRingFromConfig } from "~/referrals/crypto.server";
import { vacuumDataKeys } from "~/referrals/data-keys.server";
import { runRetention } from "~/referrals/retention.server";
import { scheduleDailyJob } from "~/scheduled-jobs.server";
import { startSearchSyncWorker } from "~/search/sync.server";

/**
 * Background work that runs inside every app process (the search outbox worker, scheduled
 * jobs). Each job claims its work in Postgres, so any number of processes may run them.
 * Exported through entry.server so the server shares one module instance (one pool) with
 * the request handlers.
 */
const stoppers: Array<() => Promise<void>> = [];

export async function startBackgroundJobs(): Promise<void> {
  // Jobs register here as they are built (search sync worker, freshness reminders, purge).
  const settings = config();
  const searchSync = startSearchSyncWorker(db(), settings.SEARCH_SYNC_INTERVAL_MS);
  registerBackgroundJob(() => searchSync.stop());
  if (settings.SMTP_URL) {
    registerBackgroundJob(
      startMailDelivery(db(), {
        smtpUrl: settings.SMTP_URL,
        from: settings.MAIL_FROM,
        intervalMs: settings.MAIL_DELIVERY_INTERVAL_MS,
      }),
    );
  } else {
    console.log(
      "[puente] SMTP_URL is not set: email stays in the mail_outbox table" +
        (settings.NODE_ENV === "production" ? "" : " (readable at /dev/mail)"),
    );
  }
  registerBackgroundJob(startAccountHousekeeping(db()));
  registerBackgroundJob(scheduleDailyJob("freshness-reminders", sendFreshnessReminders));
  // Referrals refuse to work without an encryption key; say so once, at start.
  const ring = keyRingFromConfig(config());
  if ("problem" in ring) console.error(`[puente] ${ring.problem}`);
  registerBackgroundJob(scheduleDailyJob("referrals-purge", purgeReferrals));
}

async function purgeReferrals(database: Parameters<typeof runRetention>[0], now: Date) {
  const done = await runRetention(database, now);
  if (done.destroyedKeys.length > 0) await vacuumDataKeys(database);
  if (done.closed + done.referrals + done.destroyedKeys.length > 0) {
    console.log(
      `[puente] referrals-purge: closed ${done.closed} inactive referral(s), erased the personal ` +
        `data of ${done.referrals} closed referral(s), destroyed data key(s): ` +
        (done.destroyedKeys.join(", ") || "none"),
    );
  }
}

/** Stops jobs and closes the database pool; the server calls it on shutdown. */
export async function stopBackgroundJobs(): Promise<void> {
  await Promise.all(stoppers.splice(0).map((stop) => stop()));
  await closeSharedDatabase();
}

export function registerBackgroundJob(stop: () => Promise<void>): void {
  stoppers.push(stop);
}
