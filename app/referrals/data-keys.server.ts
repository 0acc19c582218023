import { and, eq, isNotNull, isNull, lt, ne, sql } from "drizzle-orm";
import { referralDataKeys, referralEvents, referrals } from "#db/schema";
import type { DbOrTx } from "~/db.server";
import {
  DATA_KEY_ENVELOPE,
  dataKeyContext,
  decrypt,
  encrypt,
  envelopeVersion,
  eventNoteContext,
  generateKey,
  open,
  personalDataContext,
  seal,
  type KeyRing,
  type Sealed,
} from "./crypto.server";
import { DomainError } from "~/http/errors";

/**
 * Per-period data keys (crypto-shredding). Personal data is sealed under the data key of its
 * period, and data keys are stored wrapped by the DATA_ENCRYPTION_KEY ring:
 *
 * - "open-YYYY-MM": referrals made in that month, while they are open;
 * - "closed-YYYY-MM": referrals closed in that month. Closing re-seals a referral's personal
 *   data and notes under this key, so every row whose erasure date falls in the same month
 *   (closing + REFERRAL_RETENTION_DAYS) shares one key.
 *
 * Once a month is over and no row uses its key any more (all purged or re-sealed), the
 * retention job destroys the key: the ciphertexts that remain in dead rows, in the WAL and in
 * any later copy of the database are then unreadable, even with the master key.
 */
export type DataKeyKind = "open" | "closed";

export interface DataKey {
  id: string;
  key: Buffer;
}

/** Months in UTC: "2026-12". */
export function periodOf(at: Date): string {
  return at.toISOString().slice(0, 7);
}

export function dataKeyId(kind: DataKeyKind, at: Date): string {
  return `${kind}-${periodOf(at)}`;
}

/** Seals under a data key (envelope version 2). */
export function sealWith(dataKey: DataKey, plaintext: Buffer, associatedData: string): Sealed {
  return {
    ciphertext: encrypt(dataKey.key, DATA_KEY_ENVELOPE, plaintext, associatedData),
    keyId: dataKey.id,
  };
}

function unwrap(ring: KeyRing, id: string, wrappedKey: Buffer, wrappedBy: string): Buffer {
  return open(ring, { ciphertext: wrappedKey, keyId: wrappedBy }, dataKeyContext(id));
}

/**
 * The data keys one request or job uses, unwrapped once each. Create one per unit of work:
 * nothing is kept in memory beyond it, so a destroyed key is gone from every process too.
 */
export class DataKeys {
  private readonly unwrapped = new Map<string, Buffer>();

  constructor(
    private readonly db: DbOrTx,
    readonly ring: KeyRing,
  ) {}

  /** The key to seal new data of this kind with now (created on first use in a period). */
  async forSealing(kind: DataKeyKind, now: Date): Promise<DataKey> {
    const id = dataKeyId(kind, now);
    const cached = this.unwrapped.get(id);
    if (cached) return { id, key: cached };
    const fresh = generateKey();
    const wrapped = seal(this.ring, fresh, dataKeyContext(id));
    // Concurrent processes may both try: the first insert wins and everyone reads it back.
    await this.db
      .insert(referralDataKeys)
      .values({ id, wrappedKey: wrapped.ciphertext, wrappedBy: wrapped.keyId })
      .onConflictDoNothing();
    return { id, key: await this.byId(id) };
  }

  /** The key of a period that may already be in use (destroyed keys are an error). */
  async byId(id: string): Promise<Buffer> {
    const cached = this.unwrapped.get(id);
    if (cached) return cached;
    const [row] = await this.db.select().from(referralDataKeys).where(eq(referralDataKeys.id, id));
    if (!row?.wrappedKey || !row.wrappedBy) {
      throw new DomainError(500, "errors.decryptFailed", "referrals", {
        detail: row ? `data key ${id} was destroyed` : `no data key ${id}`,
      });
    }
    const key = unwrap(this.ring, id, row.wrappedKey, row.wrappedBy);
    this.unwrapped.set(id, key);
    return key;
  }

  /** Opens a stored envelope: under a data key (version 2) or, for older rows, a ring key. */
  async open(sealed: Sealed, associatedData: string): Promise<Buffer> {
    if (envelopeVersion(sealed.ciphertext) !== DATA_KEY_ENVELOPE) {
      return open(this.ring, sealed, associatedData);
    }
    return decrypt(await this.byId(sealed.keyId), sealed.ciphertext, associatedData);
  }
}

/**
 * Destroys the data keys of past months that no row uses any more. The wrapped key is
 * overwritten with NULL and the row kept as a tombstone (when, which period), so a key is
 * never created again for a period once destroyed. Returns the ids destroyed.
 */
export async function destroyUnusedDataKeys(db: DbOrTx, now: Date): Promise<string[]> {
  // A day's grace after a month ends: a transaction that took the month's key just before
  // midnight has long committed (or failed) before its key can go.
  const currentPeriod = periodOf(new Date(now.getTime() - 86_400_000));
  const destroyed = await db
    .update(referralDataKeys)
    .set({ wrappedKey: null, wrappedBy: null, destroyedAt: now })
    .where(
      and(
        isNull(referralDataKeys.destroyedAt),
        lt(sql`right(${referralDataKeys.id}, 7)`, currentPeriod),
        sql`NOT EXISTS (SELECT 1 FROM ${referrals} WHERE ${referrals.keyId} = ${referralDataKeys.id})`,
        sql`NOT EXISTS (SELECT 1 FROM ${referralEvents} WHERE ${referralEvents.keyId} = ${referralDataKeys.id})`,
      ),
    )
    .returning({ id: referralDataKeys.id });
  return destroyed.map((row) => row.id);
}

/**
 * Removes the dead row versions the destruction left in the key table, so the wrapped keys do
 * not linger in the live database files until autovacuum comes by. Needs a connection outside
 * a transaction; best effort.
 */
export async function vacuumDataKeys(db: DbOrTx): Promise<void> {
  try {
    await db.execute(sql`VACUUM ${referralDataKeys}`);
  } catch (error) {
    console.warn(
      `[puente] could not VACUUM referral_data_keys (${(error as Error).name}); autovacuum will`,
    );
  }
}

/** Data keys wrapped by another ring key than `ringKeyId` (0 once rotation is complete). */
export async function countDataKeysNotUnder(db: DbOrTx, ringKeyId: string): Promise<number> {
  return db.$count(
    referralDataKeys,
    and(isNotNull(referralDataKeys.wrappedBy), ne(referralDataKeys.wrappedBy, ringKeyId)),
  );
}

/**
 * Re-seals a (locked) referral's personal data and timeline notes under `target`: used when a
 * referral closes (its data moves to the key of the month it closed in) and to move rows
 * written before data keys existed. Works on the plaintext bytes; nothing is parsed or logged.
 */
export async function resealReferral(
  tx: DbOrTx,
  keys: DataKeys,
  referralId: string,
  target: DataKey,
  updatedAt: Date,
): Promise<{ referrals: number; notes: number }> {
  let referralCount = 0;
  const [row] = await tx
    .select({ personalData: referrals.personalData, keyId: referrals.keyId })
    .from(referrals)
    .where(eq(referrals.id, referralId));
  if (row?.personalData && row.keyId && !isUnder(row, target)) {
    const context = personalDataContext(referralId);
    const plaintext = await keys.open({ ciphertext: row.personalData, keyId: row.keyId }, context);
    const sealed = sealWith(target, plaintext, context);
    await tx
      .update(referrals)
      .set({ personalData: sealed.ciphertext, keyId: sealed.keyId, updatedAt })
      .where(eq(referrals.id, referralId));
    referralCount = 1;
  }
  const notes = await tx
    .select({ id: referralEvents.id, note: referralEvents.note, keyId: referralEvents.keyId })
    .from(referralEvents)
    .where(and(eq(referralEvents.referralId, referralId), isNotNull(referralEvents.note)));
  let noteCount = 0;
  for (const event of notes) {
    if (isUnder({ personalData: event.note, keyId: event.keyId }, target)) continue;
    const context = eventNoteContext(referralId, event.id);
    const plaintext = await keys.open({ ciphertext: event.note!, keyId: event.keyId! }, context);
    const sealed = sealWith(target, plaintext, context);
    await tx
      .update(referralEvents)
      .set({ note: sealed.ciphertext, keyId: sealed.keyId })
      .where(eq(referralEvents.id, event.id));
    noteCount += 1;
  }
  return { referrals: referralCount, notes: noteCount };
}

function isUnder(row: { personalData: Buffer | null; keyId: string | null }, target: DataKey) {
  return (
    !!row.personalData &&
    row.keyId === target.id &&
    envelopeVersion(row.personalData) === DATA_KEY_ENVELOPE
  );
}
