import { and, asc, eq, gt, isNotNull, ne, or, sql } from "drizzle-orm";
import { referralDataKeys, referralEvents, referrals } from "#db/schema";
import type { DbOrTx } from "~/db.server";
import { dataKeyContext, open, seal, type KeyRing } from "./crypto.server";
import { countDataKeysNotUnder, DataKeys, resealReferral } from "./data-keys.server";

const BATCH = 200;

/** Rows still sealed directly under a ring key (written before data keys existed). */
const legacyReferral = sql`get_byte(${referrals.personalData}, 0) = 1`;
const legacyNote = sql`get_byte(${referralEvents.note}, 0) = 1`;

/**
 * Key rotation for the DATA_ENCRYPTION_KEY ring: re-wraps every data key that is not under the
 * ring's current key (a few rows: one per month), and moves rows written before data keys
 * existed under a data key. Rows are locked and rewritten in small transactions, so the app
 * keeps running; an interrupted run is simply started again. Once it reports zero remaining,
 * old ring keys can be removed from DATA_ENCRYPTION_KEYS.
 */
export async function rotateEncryptionKey(
  db: DbOrTx,
  ring: KeyRing,
  now: Date = new Date(),
): Promise<{ dataKeys: number; referrals: number; notes: number }> {
  const target = ring.currentKeyId;
  const dataKeys = await db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(referralDataKeys)
      .where(and(isNotNull(referralDataKeys.wrappedBy), ne(referralDataKeys.wrappedBy, target)))
      .for("update");
    for (const row of rows) {
      const context = dataKeyContext(row.id);
      const key = open(ring, { ciphertext: row.wrappedKey!, keyId: row.wrappedBy! }, context);
      const wrapped = seal(ring, key, context);
      await tx
        .update(referralDataKeys)
        .set({ wrappedKey: wrapped.ciphertext, wrappedBy: wrapped.keyId })
        .where(eq(referralDataKeys.id, row.id));
    }
    return rows.length;
  });

  let referralCount = 0;
  let noteCount = 0;
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const rows = await tx
        .select({ id: referrals.id, closedAt: referrals.closedAt })
        .from(referrals)
        .where(
          and(
            gt(referrals.id, after),
            or(
              legacyReferral,
              sql`EXISTS (SELECT 1 FROM ${referralEvents} WHERE ${referralEvents.referralId} = ${referrals.id} AND ${legacyNote})`,
            ),
          ),
        )
        .orderBy(asc(referrals.id))
        .limit(BATCH)
        .for("update", { skipLocked: true });
      const keys = new DataKeys(tx, ring);
      for (const row of rows) {
        const dataKey = await keys.forSealing(row.closedAt ? "closed" : "open", now);
        const moved = await resealReferral(tx, keys, row.id, dataKey, now);
        referralCount += moved.referrals;
        noteCount += moved.notes;
        after = row.id;
      }
      return rows.length < BATCH;
    });
    if (done) break;
  }
  return { dataKeys, referrals: referralCount, notes: noteCount };
}

/**
 * What still depends on ring keys other than `keyId`: data keys wrapped by another key, and
 * rows sealed directly under a ring key. 0 once rotation is complete.
 */
export async function countNotUnderKey(db: DbOrTx, keyId: string): Promise<number> {
  const [dataKeys, legacyReferrals, legacyNotes] = await Promise.all([
    countDataKeysNotUnder(db, keyId),
    db.$count(referrals, and(isNotNull(referrals.personalData), legacyReferral)),
    db.$count(referralEvents, and(isNotNull(referralEvents.note), legacyNote)),
  ]);
  return dataKeys + legacyReferrals + legacyNotes;
}
