import { and, eq } from "drizzle-orm";
import { jobRuns } from "#db/schema";
import { db, type Database } from "~/db.server";
import { coalitionToday } from "~/coalition.server";
import { logError } from "~/error-log.server";

/**
 * Claims today's run of a daily job. Every app process tries; the insert of (job, day)
 * succeeds for exactly one of them, which then does the work.
 */
export async function claimDailyRun(
  database: Database,
  job: string,
  day: string,
): Promise<boolean> {
  const claimed = await database
    .insert(jobRuns)
    .values({ job, runDate: day })
    .onConflictDoNothing()
    .returning({ job: jobRuns.job });
  return claimed.length > 0;
}

const HOUR = 60 * 60 * 1000;

/**
 * Runs `work` once per New York calendar day in whichever process claims it first: checks at
 * start and then every hour. A failed run gives its claim back, so a later check retries.
 * Returns a stop function that waits for a run in progress.
 */
export function scheduleDailyJob(
  job: string,
  work: (database: Database, now: Date) => Promise<unknown>,
  options: { checkEveryMs?: number } = {},
): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const check = async () => {
    const database = db();
    const now = new Date();
    const day = coalitionToday(now).isoDate;
    if (!(await claimDailyRun(database, job, day))) return;
    const claim = and(eq(jobRuns.job, job), eq(jobRuns.runDate, day));
    try {
      await work(database, now);
      await database.update(jobRuns).set({ finishedAt: new Date() }).where(claim);
    } catch (error) {
      logError(`scheduled job ${job} (it will be retried)`, error);
      await database.delete(jobRuns).where(claim);
    }
  };
  const tick = () => {
    if (stopped) return;
    running = running.then(check).catch((error: unknown) => {
      logError(`scheduled job ${job} (could not run)`, error);
    });
  };
  const timer = setInterval(tick, options.checkEveryMs ?? HOUR);
  timer.unref();
  tick();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
