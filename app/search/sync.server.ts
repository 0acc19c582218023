import { asc, inArray, lte, sql } from "drizzle-orm";
import {
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  MeilisearchTaskTimeOutError,
  type EnqueuedTaskPromise,
  type Meilisearch,
} from "meilisearch";
import { searchOutbox, serviceAtLocation, services } from "#db/schema";
import type { Database, DbOrTx } from "~/db.server";
import { buildDocuments, type ServiceDocument } from "~/search/documents.server";
import { meili, servicesIndexName } from "~/search/meili.server";
import type { SearchEntity } from "~/search-outbox/outbox.server";
import { applyServicesIndexSettings } from "~/search/settings.server";
import { replaceSearchRows, servicesWithSearchRows } from "~/search/search-table.server";
import { taskSucceeded, waitForTask } from "~/search/tasks.server";

/*
 * The outbox worker: pushes the documents of changed listings to Meilisearch, and writes their
 * rows in search_documents (the Postgres fallback's copy) first, in the same transaction.
 *
 * Each batch runs in one transaction that claims outbox rows with FOR UPDATE SKIP LOCKED, so
 * any number of processes can drain the same outbox without doing the same work twice. The
 * rows are deleted only after Meilisearch has applied the change; on failure they stay, with
 * an exponential backoff, so an edit made while Meilisearch is down reaches it when it is back.
 * Meanwhile its rows in search_documents are written anyway, so the fallback that answers
 * searches during the outage shows it.
 *
 * Two advisory locks keep concurrent writers from undoing each other:
 * - per service (exclusive, transaction-scoped): two workers handling the same service one
 *   after the other each read the database after the previous one's change was applied, so
 *   an older state can never overwrite a newer one in the index;
 * - REINDEX (shared here, exclusive in reindexAll): while a full rebuild reads the database
 *   into a new index, workers leave their rows queued; they apply them to the swapped-in
 *   index afterwards (rebuilding a document twice is harmless).
 */

export const REINDEX_LOCK_KEY = 727_275;
const SERVICE_LOCK_NAMESPACE = 727_276;

export const SYNC_BATCH_SIZE = 200;
const MAX_BACKOFF_SECONDS = 300;
/**
 * When Meilisearch is down the rows are not at fault: retry them at least this often, so the
 * index catches up within a minute of its return however long the outage was.
 */
const MAX_UNAVAILABLE_BACKOFF_SECONDS = 30;
const TASK_TIMEOUT_MS = 60_000;

export interface SearchTarget {
  /** Defaults to the process client (MEILI_HOST). */
  client?: Meilisearch;
  /** Defaults to the live services index. */
  indexName?: string;
}

export interface DrainResult {
  /** Outbox rows applied to the index and deleted. */
  processed: number;
  /** Outbox rows that failed in this run and were rescheduled. */
  failed: number;
  /** True when a full reindex held the lock: rows were left for after the swap. */
  deferred: boolean;
  lastError?: string;
}

/**
 * Applies queued changes until the outbox has nothing due (or a batch fails: the failed rows
 * wait for their backoff, and the next run picks them up).
 */
export async function drainSearchOutbox(
  db: Database,
  options: SearchTarget & { batchSize?: number } = {},
): Promise<DrainResult> {
  const result: DrainResult = { processed: 0, failed: 0, deferred: false };
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const [lock] = await tx.execute<{ ok: boolean }>(
        sql`SELECT pg_try_advisory_xact_lock_shared(${REINDEX_LOCK_KEY}) AS ok`,
      );
      if (!lock?.ok) return { claimed: 0, deferred: true };

      const rows = await tx
        .select({
          id: searchOutbox.id,
          entityType: searchOutbox.entityType,
          entityId: searchOutbox.entityId,
        })
        .from(searchOutbox)
        .where(lte(searchOutbox.availableAt, sql`now()`))
        .orderBy(asc(searchOutbox.id))
        .limit(options.batchSize ?? SYNC_BATCH_SIZE)
        .for("update", { skipLocked: true });
      if (rows.length === 0) return { claimed: 0 };
      const ids = rows.map((row) => row.id);

      const apply = async (batch: typeof rows) => {
        // A savepoint: a failed query inside must not abort the transaction that records the failure.
        await tx.transaction((savepoint) =>
          syncEntities(savepoint, batch as SearchEntity[], options),
        );
        await tx.delete(searchOutbox).where(
          inArray(
            searchOutbox.id,
            batch.map((row) => row.id),
          ),
        );
      };
      const markFailed = (failedIds: number[], error: unknown) =>
        tx
          .update(searchOutbox)
          .set({
            attempts: sql`${searchOutbox.attempts} + 1`,
            availableAt: sql`now() + make_interval(secs => least(${
              isMeiliUnavailable(error) ? MAX_UNAVAILABLE_BACKOFF_SECONDS : MAX_BACKOFF_SECONDS
            }, power(2, ${searchOutbox.attempts})))`,
            lastError: describeError(error),
          })
          .where(inArray(searchOutbox.id, failedIds));

      try {
        await apply(rows);
        return { claimed: rows.length, failed: 0 };
      } catch (error) {
        if (isMeiliUnavailable(error)) await writeFallbackRowsOnly(tx, rows as SearchEntity[]);
        if (rows.length === 1 || isMeiliUnavailable(error)) {
          await markFailed(ids, error);
          return { claimed: rows.length, failed: rows.length, error: describeError(error) };
        }
        // Meilisearch answered but refused something: one listing must not hold back the
        // others, so apply them one by one and keep only the ones that fail.
        let failed = 0;
        let lastError: string | undefined;
        for (const row of rows) {
          try {
            await apply([row]);
          } catch (rowError) {
            failed += 1;
            lastError = describeError(rowError);
            await markFailed([row.id], rowError);
          }
        }
        return { claimed: rows.length, failed, error: lastError };
      }
    });
    if (batch.deferred) result.deferred = true;
    if (batch.claimed === 0) return result;
    result.processed += batch.claimed - (batch.failed ?? 0);
    if (batch.failed) {
      result.failed += batch.failed;
      result.lastError = batch.error;
      return result;
    }
  }
}

/**
 * Meilisearch is down: the search_documents rows of the batch are written all the same (in a
 * savepoint of their own), so the fallback answering meanwhile is current. If that fails too,
 * it says so, and the outbox rows stay queued: the next attempt writes them.
 */
async function writeFallbackRowsOnly(tx: DbOrTx, entities: SearchEntity[]): Promise<void> {
  await tx
    .transaction((savepoint) => syncEntities(savepoint, entities, { meilisearch: false }))
    .catch((error: unknown) =>
      console.warn(`[puente] fallback search rows not written: ${describeError(error)}`),
    );
}

/**
 * Rebuilds (or removes) every document that derives from the given entities: its row in
 * search_documents, then (unless `meilisearch: false`) in the index.
 */
export async function syncEntities(
  tx: DbOrTx,
  entities: SearchEntity[],
  options: SearchTarget & { meilisearch?: boolean } = {},
): Promise<{ upserted: number }> {
  const idsOf = (type: SearchEntity["entityType"]) => [
    ...new Set(entities.filter((e) => e.entityType === type).map((e) => e.entityId)),
  ];
  const organizationIds = idsOf("organization");
  const locationIds = idsOf("location");
  const serviceIds = new Set(idsOf("service"));

  const [ofOrganizations, atLocations, withRows] = await Promise.all([
    organizationIds.length > 0
      ? tx
          .select({ id: services.id })
          .from(services)
          .where(inArray(services.organizationId, organizationIds))
      : [],
    locationIds.length > 0
      ? tx
          .select({ id: serviceAtLocation.serviceId })
          .from(serviceAtLocation)
          .where(inArray(serviceAtLocation.locationId, locationIds))
      : [],
    servicesWithSearchRows(tx, { organizationIds, locationIds }),
  ]);
  for (const { id } of [...ofOrganizations, ...atLocations]) serviceIds.add(id);
  for (const id of withRows) serviceIds.add(id);

  const toMeilisearch = options.meilisearch !== false;
  const client = options.client ?? meili();
  const index = client.index<ServiceDocument>(options.indexName ?? servicesIndexName());
  const quote = (values: string[]) => `[${values.map((value) => `"${value}"`).join(", ")}]`;
  if (toMeilisearch && (organizationIds.length > 0 || locationIds.length > 0)) {
    // A deleted location or organization has left nothing in the database to find its
    // services by: the index still knows them (a service that lost its only location
    // becomes a document without a place).
    const indexed = await index
      .search("", {
        filter: [
          [
            ...(organizationIds.length > 0 ? [`organizationId IN ${quote(organizationIds)}`] : []),
            ...(locationIds.length > 0 ? [`locationId IN ${quote(locationIds)}`] : []),
          ],
        ],
        attributesToRetrieve: ["serviceId"],
        limit: 100_000,
      })
      .catch(async (error: unknown) => {
        if (errorCode(error) !== "index_not_found") throw error;
        // The live index is missing (deleted by hand?): recreate it; it holds nothing to find.
        await ensureIndexWithSettings(client, index.uid);
        return { hits: [] as Array<{ serviceId: string }> };
      });
    for (const hit of indexed.hits) serviceIds.add(hit.serviceId);
  }
  const affected = [...serviceIds].sort();

  if (affected.length > 0) {
    // In one global order (by lock key), so two workers can never wait on each other in a cycle.
    await tx.execute(sql`
      SELECT pg_advisory_xact_lock(${SERVICE_LOCK_NAMESPACE}, key)
      FROM (SELECT DISTINCT hashtext(id) AS key
            FROM unnest(ARRAY[${sql.join(
              affected.map((id) => sql`${id}`),
              sql`, `,
            )}]::text[]) AS id
            ORDER BY key) AS keys`);
  }

  // Read after the locks: whatever an earlier worker applied, this state is at least as new.
  const { documents } = await buildDocuments(tx, affected);
  await replaceSearchRows(tx, { serviceIds: affected, organizationIds, locationIds }, documents);
  if (!toMeilisearch) return { upserted: documents.length };

  const scope = [
    affected.length > 0 && `serviceId IN ${quote(affected)}`,
    organizationIds.length > 0 && `organizationId IN ${quote(organizationIds)}`,
    locationIds.length > 0 && `locationId IN ${quote(locationIds)}`,
  ].filter(Boolean);
  // Documents of these entities that the database no longer produces: unpublished or paused
  // services, removed locations, deleted organizations. The ones rebuilt are replaced in place,
  // never deleted first, so a search in between still finds them.
  const keep = documents.map((document) => document.id);
  const tasks: EnqueuedTaskPromise[] = [];
  if (scope.length > 0) {
    const filter = `(${scope.join(" OR ")})${keep.length > 0 ? ` AND NOT id IN ${quote(keep)}` : ""}`;
    tasks.push(index.deleteDocuments({ filter }));
  }
  if (documents.length > 0) tasks.push(index.addDocuments(documents, { primaryKey: "id" }));
  await waitForTasks(client, tasks, TASK_TIMEOUT_MS, async (code) => {
    // The live index is missing (deleted by hand?): recreate it so the retry can succeed.
    if (code === "index_not_found") await ensureIndexWithSettings(client, index.uid);
  });
  return { upserted: documents.length };
}

/** Waits for every task and throws if one did not succeed. */
export async function waitForTasks(
  client: Meilisearch,
  tasks: EnqueuedTaskPromise[],
  timeout: number,
  onFailure?: (code: string | undefined) => Promise<void>,
): Promise<void> {
  const enqueued = await Promise.all(tasks);
  for (const task of enqueued) {
    const done = await waitForTask(client, task, timeout);
    if (done.status !== "succeeded") {
      await onFailure?.(done.error?.code);
      throw new Error(
        `Meilisearch task ${done.uid} (${done.type}) ${done.status}: ${done.error?.message ?? ""}`,
      );
    }
  }
}

export async function ensureIndexWithSettings(client: Meilisearch, uid: string): Promise<boolean> {
  try {
    await client.getIndex(uid);
    return false;
  } catch (error) {
    if (errorCode(error) !== "index_not_found") throw error;
  }
  await taskSucceeded(
    client,
    client.createIndex(uid, { primaryKey: "id" }),
    TASK_TIMEOUT_MS,
    `Creating index ${uid}`,
    ["index_already_exists"],
  );
  await applyServicesIndexSettings(client.index(uid));
  return true;
}

/**
 * The API error behind an error of the client: thrown as is with fetch, wrapped in a
 * MeilisearchRequestError with our node:http client (http-client.server.ts).
 */
export function apiErrorOf(error: unknown): MeilisearchApiError | undefined {
  if (error instanceof MeilisearchApiError) return error;
  if (error instanceof MeilisearchRequestError && error.cause instanceof MeilisearchApiError)
    return error.cause;
  return undefined;
}

/** Meilisearch's error code ("index_not_found", ...), when it answered with one. */
export function errorCode(error: unknown): string | undefined {
  return apiErrorOf(error)?.cause?.code;
}

/** Meilisearch is down, unreachable, too slow or failing on its side (not a bad request of ours). */
export function isMeiliUnavailable(error: unknown): boolean {
  const apiError = apiErrorOf(error);
  if (apiError) return apiError.response.status >= 500;
  return (
    error instanceof MeilisearchRequestError ||
    error instanceof MeilisearchRequestTimeOutError ||
    error instanceof MeilisearchTaskTimeOutError
  );
}

/** Enough to diagnose, without keys or connection strings. */
export function describeError(error: unknown): string {
  const apiError = apiErrorOf(error);
  const shown = apiError ?? error;
  const message = shown instanceof Error ? `${shown.name}: ${shown.message}` : String(shown);
  return message.replace(/\/\/[^@/\s]+@/g, "//***@").slice(0, 500);
}

/**
 * The background job: drains the outbox every `intervalMs` in this process. Several
 * processes may run it at once (see above). Failures are logged once when they start and
 * once when they stop, never per attempt, and never with listing content or queries.
 */
export function startSearchSyncWorker(
  db: Database,
  intervalMs: number,
  options: SearchTarget = {},
): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let failing = false;

  const tick = async () => {
    try {
      const result = await drainSearchOutbox(db, options);
      if (result.failed > 0 && !failing) {
        failing = true;
        console.warn(
          `[puente] search index sync failed, will retry with backoff: ${result.lastError}`,
        );
      } else if (result.processed > 0 && result.failed === 0 && failing) {
        failing = false;
        console.log("[puente] search index sync recovered");
      }
    } catch (error) {
      if (!failing) console.warn(`[puente] search index sync error: ${describeError(error)}`);
      failing = true;
    }
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(() => {
        running = undefined;
        schedule();
      });
    }, intervalMs);
    timer.unref?.();
  };
  schedule();

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
