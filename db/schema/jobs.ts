import { date, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Claims for scheduled jobs: every app process runs the scheduler, and the one whose insert of
 * (job, run date) succeeds does that day's work; the others see the row and skip it.
 */
export const jobRuns = pgTable(
  "job_runs",
  {
    job: text("job").notNull(),
    runDate: date("run_date").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (table) => [primaryKey({ columns: [table.job, table.runDate] })],
);
