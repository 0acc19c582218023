import { config } from "~/config.server";
import { closeSharedDatabase, db } from "~/db.server";
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
  const searchSync = startSearchSyncWorker(db(), config().SEARCH_SYNC_INTERVAL_MS);
  registerBackgroundJob(() => searchSync.stop());
}

/** Stops jobs and closes the database pool; the server calls it on shutdown. */
export async function stopBackgroundJobs(): Promise<void> {
  await Promise.all(stoppers.splice(0).map((stop) => stop()));
  await closeSharedDatabase();
}

export function registerBackgroundJob(stop: () => Promise<void>): void {
  stoppers.push(stop);
}
