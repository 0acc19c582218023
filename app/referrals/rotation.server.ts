import { and, asc, eq, gt, isNotNull, ne } from "drizzle-orm";
import { referralEvents, referrals } from "#db/schema";
import type { DbOrTx } from "~/db.server";
import { eventNoteContext, open, personalDataContext, seal, type KeyRing } from "./crypto.server";

const BATCH = 200;

/**
 * Re-encrypts every personal-data ciphertext and timeline note that is not under the ring's
 * current key. Rows are locked and rewritten in small transactions, so the app keeps running;
 * an interrupted run is simply started again. Once it reports zero remaining, old keys can be
 * removed from DATA_ENCRYPTION_KEYS.
 */
export async function rotateEncryptionKey(
  db: DbOrTx,
  ring: KeyRing,
): Promise<{ referrals: number; notes: number }> {
  const target = ring.currentKeyId;
  let referralCount = 0;
  let noteCount = 0;

  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const rows = await tx
        .select({ id: referrals.id, personalData: referrals.personalData, keyId: referrals.keyId })
        .from(referrals)
        .where(
          and(isNotNull(referrals.keyId), ne(referrals.keyId, target), gt(referrals.id, after)),
        )
        .orderBy(asc(referrals.id))
        .limit(BATCH)
        .for("update", { skipLocked: true });
      for (const row of rows) {
        const context = personalDataContext(row.id);
        const plaintext = open(ring, { ciphertext: row.personalData!, keyId: row.keyId! }, context);
        const sealed = seal(ring, plaintext, context);
        await tx
          .update(referrals)
          .set({ personalData: sealed.ciphertext, keyId: sealed.keyId })
          .where(eq(referrals.id, row.id));
        referralCount += 1;
        after = row.id;
      }
      return rows.length < BATCH;
    });
    if (done) break;
  }

  after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const rows = await tx
        .select({
          id: referralEvents.id,
          referralId: referralEvents.referralId,
          note: referralEvents.note,
          keyId: referralEvents.keyId,
        })
        .from(referralEvents)
        .where(
          and(
            isNotNull(referralEvents.keyId),
            ne(referralEvents.keyId, target),
            gt(referralEvents.id, after),
          ),
        )
        .orderBy(asc(referralEvents.id))
        .limit(BATCH)
        .for("update", { skipLocked: true });
      for (const row of rows) {
        const context = eventNoteContext(row.referralId, row.id);
        const plaintext = open(ring, { ciphertext: row.note!, keyId: row.keyId! }, context);
        const sealed = seal(ring, plaintext, context);
        await tx
          .update(referralEvents)
          .set({ note: sealed.ciphertext, keyId: sealed.keyId })
          .where(eq(referralEvents.id, row.id));
        noteCount += 1;
        after = row.id;
      }
      return rows.length < BATCH;
    });
    if (done) break;
  }
  return { referrals: referralCount, notes: noteCount };
}

/** Ciphertexts still under another key than the current one (0 once rotation is complete). */
export async function countNotUnderKey(db: DbOrTx, keyId: string): Promise<number> {
  const [a, b] = await Promise.all([
    db.$count(referrals, and(isNotNull(referrals.keyId), ne(referrals.keyId, keyId))),
    db.$count(
      referralEvents,
      and(isNotNull(referralEvents.keyId), ne(referralEvents.keyId, keyId)),
    ),
  ]);
  return a + b;
}
