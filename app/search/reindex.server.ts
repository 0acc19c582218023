import { sql } from "drizzle-orm";
import type { EnqueuedTaskPromise } from "meilisearch";
import type { Database } from "~/db.server";
import {
  allDocuments,
  countExpectedDocuments,
  loadCategoryTexts,
  type ServiceDocument,
} from "~/search/documents.server";
import { meili, servicesIndexName } from "~/search/meili.server";
import { applyServicesIndexSettings } from "~/search/settings.server";
import { clearSearchRows, searchRowsState, writeSearchRows } from "~/search/search-table.server";
import { taskSucceeded, waitForTask } from "~/search/tasks.server";
import {
  REINDEX_LOCK_KEY,
  describeError,
  ensureIndexWithSettings,
  isMeiliUnavailable,
  waitForTasks,
  type SearchTarget,
} from "~/search/sync.server";

export const REINDEX_BATCH_SIZE = 5000;
const LONG_TASK_TIMEOUT_MS = 15 * 60_000;

export interface ReindexResult {
  documents: number;
  durationMs: number;
  /** Of durationMs: reading the database and building documents (overlaps indexing). */
  buildMs: number;
  /** Of durationMs: waiting for Meilisearch after the last batch was sent, and the swap. */
  waitMs: number;
}

/**
 * Rebuilds the services index from the database without a moment without results: builds a
 * new index `<live>_<timestamp>` (settings first, then documents in batches), swaps it with
 * the live one and drops the old. Holds the reindex lock throughout, so sync workers keep
 * their outbox rows until the new index is live and then apply them to it. search_documents
 * (the fallback's rows) is not rewritten: the outbox worker keeps it with the index, and
 * ensureSearchRows rewrites it when its rows are missing or of another build.
 */
export async function reindexAll(
  db: Database,
  options: SearchTarget & { batchSize?: number } = {},
): Promise<ReindexResult> {
  const started = performance.now();
  const client = options.client ?? meili();
  const live = options.indexName ?? servicesIndexName();
  const batchSize = options.batchSize ?? REINDEX_BATCH_SIZE;

  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${REINDEX_LOCK_KEY})`);

    // An earlier rebuild that died half-way leaves its index behind; nobody else builds now.
    const leftover = new RegExp(`^${live}_[0-9]+$`);
    const { results } = await client.getIndexes({ limit: 1000 });
    for (const index of results.filter((index) => leftover.test(index.uid)))
      await waitForTask(client, client.deleteIndex(index.uid), LONG_TASK_TIMEOUT_MS);

    const uid = `${live}_${Date.now()}`;
    await taskSucceeded(
      client,
      client.createIndex(uid, { primaryKey: "id" }),
      LONG_TASK_TIMEOUT_MS,
      `Creating ${uid}`,
    );
    const next = client.index(uid);
    try {
      await applyServicesIndexSettings(next);

      const tasks: EnqueuedTaskPromise[] = [];
      const buffer: ServiceDocument[] = [];
      let documents = 0;
      const buildStarted = performance.now();
      for await (const page of allDocuments(tx)) {
        buffer.push(...page);
        documents += page.length;
        // Enqueued without waiting: Meilisearch batches consecutive additions by itself.
        while (buffer.length >= batchSize)
          tasks.push(handled(next.addDocuments(buffer.splice(0, batchSize), { primaryKey: "id" })));
      }
      if (buffer.length > 0) tasks.push(handled(next.addDocuments(buffer, { primaryKey: "id" })));
      const buildMs = Math.round(performance.now() - buildStarted);
      const waitStarted = performance.now();
      await waitForTasks(client, tasks, LONG_TASK_TIMEOUT_MS);

      await ensureIndexWithSettings(client, live);
      await taskSucceeded(
        client,
        client.swapIndexes([{ indexes: [live, uid], rename: false }]),
        LONG_TASK_TIMEOUT_MS,
        "Index swap",
      );
      return {
        documents,
        durationMs: Math.round(performance.now() - started),
        buildMs,
        waitMs: Math.round(performance.now() - waitStarted),
      };
    } finally {
      // After a swap `uid` holds the previous contents; after a failure, a half-built index.
      await waitForTask(client, client.deleteIndex(uid), LONG_TASK_TIMEOUT_MS).catch(
        () => undefined,
      );
    }
  });
}

/**
 * A request that fails while the next page is still being read would be an unhandled
 * rejection (ending the process); waitForTasks still sees the failure and throws it.
 */
function handled(task: EnqueuedTaskPromise): EnqueuedTaskPromise {
  task.catch(() => undefined);
  return task;
}

export type EnsureResult =
  { action: "none" | "reindexed"; documents: number } | { action: "unavailable"; error: string };

/**
 * On start: creates the live index if needed, applies the settings in code, and rebuilds it
 * when it holds a different number of documents than the database, or documents built by
 * another DOCUMENT_VERSION or with other category names and search words. When
 * Meilisearch does not answer, says so and lets the app start: searches use the Postgres
 * fallback and the outbox catches up once it is back.
 */
export async function ensureSearchIndex(
  db: Database,
  options: SearchTarget = {},
): Promise<EnsureResult> {
  const result = await ensureMeilisearchIndex(db, options);
  // Whatever Meilisearch's state: the fallback answers while it is down.
  await ensureSearchRows(db);
  return result;
}

async function ensureMeilisearchIndex(db: Database, options: SearchTarget): Promise<EnsureResult> {
  const client = options.client ?? meili();
  const live = options.indexName ?? servicesIndexName();
  try {
    const created = await ensureIndexWithSettings(client, live);
    if (!created) await applyServicesIndexSettings(client.index(live));
    const [stats, expected] = await Promise.all([
      client.index(live).getStats(),
      countExpectedDocuments(db),
    ]);
    if (stats.numberOfDocuments === expected) {
      if (expected === 0) return { action: "none", documents: 0 };
      // Same count, but built by other code or with other category texts?
      const { buildVersion } = await loadCategoryTexts(db);
      const outdated = await client.index(live).search("", {
        filter: `buildVersion != ${JSON.stringify(buildVersion)}`,
        hitsPerPage: 1,
        page: 1,
        attributesToRetrieve: ["id"],
      });
      if ((outdated.totalHits ?? 0) === 0) return { action: "none", documents: expected };
    }
    const { documents } = await reindexAll(db, { client, indexName: live });
    return { action: "reindexed", documents };
  } catch (error) {
    if (isMeiliUnavailable(error)) return { action: "unavailable", error: describeError(error) };
    throw error;
  }
}

/**
 * Rewrites search_documents when it holds another number of rows than the database has
 * documents, or rows of another build version (after the migration that created it, or an
 * upgrade): the fallback must be right even when Meilisearch needs no rebuild or is down.
 * `always`: rewrite it whatever it holds (`npm run search:reindex`).
 */
export async function ensureSearchRows(
  db: Database,
  options: { always?: boolean } = {},
): Promise<{ rewritten: number | null }> {
  return db.transaction(async (tx) => {
    // Exclusive, as a reindex: outbox workers wait and apply their rows to the new ones after;
    // a second process starting at the same time finds the rows current once it has the lock.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${REINDEX_LOCK_KEY})`);
    if (!options.always) {
      const { buildVersion } = await loadCategoryTexts(tx);
      const expected = await countExpectedDocuments(tx);
      const state = await searchRowsState(tx, buildVersion);
      if (state.rows === expected && state.outdated === 0) return { rewritten: null };
    }
    await clearSearchRows(tx);
    let rewritten = 0;
    for await (const page of allDocuments(tx)) {
      await writeSearchRows(tx, page);
      rewritten += page.length;
    }
    return { rewritten };
  });
}
