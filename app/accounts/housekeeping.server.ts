import { lt, or, sql } from "drizzle-orm";
import { authTokens } from "#db/schema";
import type { Database, DbOrTx } from "~/db.server";
import { purgeOutbox } from "~/mail/mail.server";
import { deleteExpiredSessions } from "./session-store.server";
import { purgeOldAttempts } from "./throttle.server";
import { logError } from "~/error-log.server";

/**
 * Deletes what no longer serves any purpose: dead sessions, old attempts, spent tokens, sent
 * mail, and unsent mail whose link has expired (see purgeOutbox). Runs hourly in every process.
 */
export async function runAccountHousekeeping(db: DbOrTx): Promise<void> {
  await deleteExpiredSessions(db);
  await purgeOldAttempts(db);
  await db
    .delete(authTokens)
    .where(
      or(
        lt(authTokens.expiresAt, sql`now() - interval '30 days'`),
        lt(authTokens.usedAt, sql`now() - interval '30 days'`),
      ),
    );
  await purgeOutbox(db);
}

/** Runs housekeeping now and then every `intervalMs`; returns a stop function. */
export function startAccountHousekeeping(db: Database, intervalMs = 60 * 60 * 1000) {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = runAccountHousekeeping(db).catch((error: unknown) => {
      logError("account housekeeping", error);
    });
  };
  run();
  const timer = setInterval(run, intervalMs);
  return async () => {
    clearInterval(timer);
    await running;
  };
}
