import { and, inArray, isNotNull, isNull, lt } from "drizzle-orm";
import { referralEvents, referrals } from "#db/schema";
import { config } from "~/config.server";
import type { DbOrTx } from "~/db.server";

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
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  return db.transaction(async (tx) => {
    const purged = await tx
      .update(referrals)
      .set({ personalData: null, keyId: null, purgedAt: now, updatedAt: now })
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
