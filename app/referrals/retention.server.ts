import { and, asc, inArray, isNotNull, isNull, lt, sql, type SQL } from "drizzle-orm";
import { referralEvents, referrals } from "#db/schema";
import { config } from "~/config.server";
import type { DbOrTx } from "~/db.server";
import { coalition } from "~/coalition.server";
import { dataKeyRing } from "./crypto.server";
import { DataKeys, destroyUnusedDataKeys } from "./data-keys.server";
import { closeAutomatically, lockReferral } from "./referrals.server";

/**
 * How long personal data lives:
 *
 * 1. A referral with no activity (no new timeline entry, no follow-up date ahead) for
 *    REFERRAL_INACTIVE_DAYS is closed automatically (outcome "inactive", by "Puente" on the
 *    timeline).
 * 2. REFERRAL_RETENTION_DAYS after a referral closed, its personal data and notes are erased.
 * 3. Once a month's data key is used by no row any more, it is destroyed (data-keys.server.ts).
 *
 * The daily job `referrals-purge` runs all three (`runRetention`).
 */
export interface RetentionPolicy {
  retentionDays: number;
  inactiveDays: number;
}

export function retentionPolicy(): RetentionPolicy {
  const settings = config();
  return {
    retentionDays: settings.REFERRAL_RETENTION_DAYS,
    inactiveDays: settings.REFERRAL_INACTIVE_DAYS,
  };
}

const DAY = 86_400_000;

/**
 * When a referral last moved: its latest timeline entry, or the end of its follow-up day when
 * that is later (a follow-up date ahead keeps a referral open).
 */
export function lastActivity(): SQL<Date> {
  return sql<Date>`greatest(
  (SELECT max(${referralEvents.at}) FROM ${referralEvents} WHERE ${referralEvents.referralId} = ${referrals.id}),
  ((${referrals.followUpOn} + 1)::timestamp AT TIME ZONE ${coalition().timeZone})
)`;
}

/**
 * When the referral's personal data will be erased: REFERRAL_RETENTION_DAYS after it closed;
 * for an open referral, if nothing happens until it is closed for inactivity. Null once erased.
 */
export function erasureDue(policy: RetentionPolicy): SQL<Date | null> {
  return sql<Date | null>`CASE
    WHEN ${referrals.purgedAt} IS NOT NULL THEN NULL
    WHEN ${referrals.closedAt} IS NOT NULL
      THEN ${referrals.closedAt} + make_interval(days => ${policy.retentionDays}::int)
    ELSE ${lastActivity()} + make_interval(days => ${policy.inactiveDays + policy.retentionDays}::int)
  END`;
}

/** The date (in the coalition's zone) of `erasureDue`, as YYYY-MM-DD. */
export function erasureDate(policy: RetentionPolicy): SQL<string | null> {
  return sql<
    string | null
  >`to_char((${erasureDue(policy)}) AT TIME ZONE ${coalition().timeZone}, 'YYYY-MM-DD')`;
}

const BATCH = 200;

/**
 * Closes open referrals without activity for `inactiveDays`, recorded on their timelines as
 * closed by Puente ("inactive"); their retention clock starts now. Idempotent.
 */
export async function closeInactiveReferrals(
  db: DbOrTx,
  now: Date = new Date(),
  inactiveDays: number = config().REFERRAL_INACTIVE_DAYS,
): Promise<number> {
  const cutoff = new Date(now.getTime() - inactiveDays * DAY);
  let closed = 0;
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const rows = await tx
        .select({ id: referrals.id })
        .from(referrals)
        .where(
          and(
            isNull(referrals.closedAt),
            sql`${lastActivity()} < ${cutoff.toISOString()}::timestamptz`,
          ),
        )
        .orderBy(asc(referrals.id))
        .limit(BATCH)
        .for("update", { skipLocked: true });
      // The key ring only when there is something to re-encrypt: without referrals (or with
      // referrals disabled for want of a key) the daily job still runs cleanly.
      if (rows.length === 0) return 0;
      const keys = new DataKeys(tx, dataKeyRing());
      for (const { id } of rows) {
        const row = await lockReferral(tx, id);
        if (row && !row.closedAt) await closeAutomatically(tx, keys, row, now);
      }
      return rows.length;
    });
    closed += batch;
    if (batch < BATCH) return closed;
  }
}

/**
 * Erases the personal data of referrals closed more than REFERRAL_RETENTION_DAYS ago: the
 * encrypted personal fields and the encrypted notes of their timeline. Statuses, needs, dates
 * and outcomes stay, so the reports do not change. Idempotent; safe to run at any time.
 */
export async function purgeExpiredPersonalData(
  db: DbOrTx,
  now: Date = new Date(),
  retentionDays: number = config().REFERRAL_RETENTION_DAYS,
): Promise<{ referrals: number; notes: number }> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY);
  return db.transaction(async (tx) => {
    const purged = await tx
      .update(referrals)
      // The blind indexes go with the personal data: a purged referral cannot be found by the
      // person's phone or email any more (its reference code stays: it names nobody).
      .set({
        personalData: null,
        keyId: null,
        phoneLookup: null,
        emailLookup: null,
        purgedAt: now,
        updatedAt: now,
      })
      .where(
        and(
          isNotNull(referrals.closedAt),
          lt(referrals.closedAt, cutoff),
          isNull(referrals.purgedAt),
        ),
      )
      .returning({ id: referrals.id });
    // Notes of referrals purged now, and of any purged earlier (belt and braces).
    const notes = await tx
      .update(referralEvents)
      .set({ note: null, keyId: null })
      .where(
        and(
          isNotNull(referralEvents.note),
          inArray(
            referralEvents.referralId,
            tx.select({ id: referrals.id }).from(referrals).where(isNotNull(referrals.purgedAt)),
          ),
        ),
      )
      .returning({ id: referralEvents.id });
    return { referrals: purged.length, notes: notes.length };
  });
}

/** The daily job: close inactive referrals, erase expired personal data, destroy unused keys. */
export async function runRetention(
  db: DbOrTx,
  now: Date = new Date(),
  policy: RetentionPolicy = retentionPolicy(),
): Promise<{ closed: number; referrals: number; notes: number; destroyedKeys: string[] }> {
  const closed = await closeInactiveReferrals(db, now, policy.inactiveDays);
  const purged = await purgeExpiredPersonalData(db, now, policy.retentionDays);
  const destroyedKeys = await destroyUnusedDataKeys(db, now);
  return { closed, ...purged, destroyedKeys };
}
