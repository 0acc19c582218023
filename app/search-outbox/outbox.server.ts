import { searchOutbox } from "#db/schema";
import type { DbOrTx } from "~/db.server";

/** A listing entity whose search documents must be rebuilt (written by directory, read by the search sync). */
export type SearchEntity = {
  entityType: "organization" | "service" | "location";
  entityId: string;
};

/**
 * Records that the search documents derived from an entity must be rebuilt. Call it inside the
 * same transaction as the write it describes: if the write commits, the index will follow
 * (the sync worker retries until Meilisearch accepts it); if it rolls back, nothing is queued.
 */
export async function enqueueSearchSync(tx: DbOrTx, ...entities: SearchEntity[]): Promise<void> {
  if (entities.length === 0) return;
  await tx.insert(searchOutbox).values(entities);
}
