/**
 * `npm run referrals:rotate-key`: re-wraps the referrals' data keys (one per month, see
 * app/referrals/data-keys.server.ts) with the current key, and moves rows written before data
 * keys existed under a data key, so old keys can be retired.
 *
 *   1. `npm run referrals:rotate-key -- --new-key` prints a fresh key.
 *   2. Configure the app with both keys and the new one as current, and restart it:
 *        DATA_ENCRYPTION_KEYS="default:<old key>,2025:<new key>" DATA_ENCRYPTION_KEY_ID=2025
 *      (the embedded default's key id is "embedded"; its file is named in the start-up log).
 *   3. Run this script with the same settings. It reports how many data keys or rows remain
 *      under other keys; when that is 0, the old key can be removed from DATA_ENCRYPTION_KEYS.
 *      Every backup made before then needs the old key: destroying it makes the personal data
 *      in those backups unreadable (README, "Privacy and security").
 *
 * Safe to run while the app serves requests, and to run again after an interruption.
 */
import { migrateDatabase } from "#db/migrate";
import { config } from "~/config.server";
import { connectDatabase } from "~/db.server";
import { generateKey, keyRingFromConfig } from "~/referrals/crypto.server";
import { countNotUnderKey, rotateEncryptionKey } from "~/referrals/rotation.server";
import { runScript, withDatabaseUrl } from "./with-database";

runScript("referrals:rotate-key", async () => {
  if (process.argv.includes("--new-key")) {
    console.log(generateKey().toString("base64"));
    return;
  }
  await withDatabaseUrl(async (databaseUrl) => {
    const ring = keyRingFromConfig(config());
    if ("problem" in ring) throw new Error(ring.problem);
    const connection = connectDatabase(databaseUrl, { max: 2 });
    try {
      await migrateDatabase(databaseUrl);
      const rotated = await rotateEncryptionKey(connection.db, ring);
      const remaining = await countNotUnderKey(connection.db, ring.currentKeyId);
      console.log(
        `[puente] re-wrapped ${rotated.dataKeys} data key(s) with key "${ring.currentKeyId}" and moved ` +
          `${rotated.referrals} referral(s) and ${rotated.notes} note(s) under data keys; ` +
          `${remaining} remain under other keys` +
          (remaining > 0 ? " (rows in use right now: run the script again)" : ""),
      );
    } finally {
      await connection.close();
    }
  });
});
