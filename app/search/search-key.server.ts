import { createHash } from "node:crypto";
import type { Meilisearch } from "meilisearch";
import { config } from "~/config.server";
import { meili } from "~/search/meili.server";
import { errorCode } from "~/search/sync.server";

/*
 * Searches use a key that can only search this deployment's indexes; the master (or admin)
 * key stays with the sync worker and reindexing. Whoever reads a search request's key, or
 * the memory of a search, cannot change or delete the directory's index.
 */

/** The same uid in every process and after every restart (a UUID v4 made from the prefix). */
export function searchKeyUid(indexPrefix: string): string {
  const hex = createHash("sha256").update(`puente search key\0${indexPrefix}`).digest("hex");
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The search-only key for indexes starting with `indexPrefix`, created through the keys API
 * the first time (idempotent: a fixed uid; several processes may race, one creates it).
 * Needs the master key, or a key allowed to manage keys.
 */
export async function ensureSearchKey(admin: Meilisearch, indexPrefix: string): Promise<string> {
  const uid = searchKeyUid(indexPrefix);
  const actions = ["search"];
  const indexes = [`${indexPrefix}*`];
  try {
    const existing = await admin.getKey(uid);
    const unchanged =
      existing.actions.join() === actions.join() &&
      existing.indexes.join() === indexes.join() &&
      existing.expiresAt === null;
    if (unchanged) return existing.key;
    // Someone widened or limited it by hand: put back the one this code relies on.
    await admin.deleteKey(uid);
  } catch (error) {
    if (errorCode(error) !== "api_key_not_found") throw error;
  }
  try {
    const created = await admin.createKey({
      uid,
      name: `puente search (${indexPrefix}*)`,
      description: "Created by Puente: searches only, on this deployment's indexes.",
      actions,
      indexes,
      expiresAt: null,
    });
    return created.key;
  } catch (error) {
    if (errorCode(error) === "api_key_already_exists") return (await admin.getKey(uid)).key;
    throw error;
  }
}

/**
 * The key every search uses: MEILI_SEARCH_KEY when set, else the search-only key made with
 * MEILI_MASTER_KEY; none when Meilisearch runs without a master key (it then checks none).
 */
export async function searchApiKey(): Promise<string | undefined> {
  const settings = config();
  if (settings.MEILI_SEARCH_KEY) return settings.MEILI_SEARCH_KEY;
  if (!settings.MEILI_MASTER_KEY) return undefined;
  return ensureSearchKey(meili(), settings.MEILI_INDEX_PREFIX);
}
