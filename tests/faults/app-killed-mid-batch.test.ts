import { sql } from "drizzle-orm";
import { afterAll, describe, expect, inject, it } from "vitest";
import { searchOutbox, services } from "#db/schema";
import { SYNC_BATCH_SIZE } from "~/search/sync.server";
import { startAppProcess, type AppProcess } from "../support/app-process";
import { useTestEnvironment } from "../support/environment";
import {
  createLocation,
  createOrganization,
  createManyServices,
  seedTaxonomy,
} from "../support/factories";
import { indexDifferences, waitUntil } from "../support/search-consistency";

const env = useTestEnvironment();
const running: AppProcess[] = [];

afterAll(async () => {
  await Promise.all(running.map((app) => app.kill()));
});

/** Key of the per-service advisory locks the outbox worker holds while it applies a batch. */
const SERVICE_LOCK_NAMESPACE = 727_276;

describe("an app process killed in the middle of an outbox batch", () => {
  it("loses no change and leaves no stale or duplicate document", async () => {
    const { db, databaseUrl, indexPrefix, meili } = env();
    const indexName = `${indexPrefix}services`;
    const settings = {
      DATABASE_URL: databaseUrl,
      MEILI_HOST: inject("meiliHost"),
      MEILI_MASTER_KEY: inject("meiliMasterKey"),
      MEILI_INDEX_PREFIX: indexPrefix,
    };
    await seedTaxonomy(db);
    const organization = await createOrganization(db, { name: "Bronx Defenders of Families" });
    const location = await createLocation(db, { organizationId: organization.id });
    const count = SYNC_BATCH_SIZE * 3;
    await createManyServices(db, {
      organizationId: organization.id,
      locationId: location.id,
      names: Array.from({ length: count }, (_, i) => `Family Petitions Desk ${i}`),
    });

    const doomed = await startAppProcess(settings);
    running.push(doomed);
    await waitUntil(
      async () => (await db.select().from(searchOutbox)).length === 0,
      120_000,
      async () =>
        `outbox: ${JSON.stringify((await db.select().from(searchOutbox)).slice(0, 3))}\n${doomed.output()}`,
    );

    // Every service changed at once: several batches of work for the worker.
    const edit = async (version: string) =>
      db.transaction(async (tx) => {
        await tx.execute(
          sql`UPDATE services SET description = ${`Version ${version}.`}, updated_at = now()`,
        );
        await tx.execute(sql`
          INSERT INTO search_outbox (entity_type, entity_id)
          SELECT 'service', id FROM services ORDER BY id`);
      });
    await edit("two");

    // Kill it the moment it holds a batch: rows claimed, documents being built or sent.
    await waitUntil(
      async () =>
        (
          await db.execute<{ n: number }>(sql`
            SELECT count(*)::int AS n FROM pg_locks
            WHERE locktype = 'advisory' AND classid = ${SERVICE_LOCK_NAMESPACE} AND granted`)
        )[0]!.n > 0,
      60_000,
      () => "the worker never held a batch",
      2,
    );
    await doomed.kill("SIGKILL");
    // Its transaction died with it: the claimed rows are back, none was deleted half-way.
    await waitUntil(
      async () =>
        (
          await db.execute<{ n: number }>(sql`
            SELECT count(*)::int AS n FROM pg_locks
            WHERE locktype = 'advisory' AND classid = ${SERVICE_LOCK_NAMESPACE}`)
        )[0]!.n === 0,
      10_000,
    );
    const left = await db.select().from(searchOutbox);
    expect(left.length).toBeGreaterThan(0);
    expect(left.length % SYNC_BATCH_SIZE).toBe(0);

    // Newer changes made meanwhile must win over anything the dead batch had sent.
    await edit("three");
    const survivor = await startAppProcess(settings);
    running.push(survivor);
    await waitUntil(
      async () =>
        (await db.select().from(searchOutbox)).length === 0 &&
        (await indexDifferences(db, meili, indexName)).length === 0,
      120_000,
      async () => (await indexDifferences(db, meili, indexName)).join(", "),
      500,
    );
    const stats = await meili.index(indexName).getStats();
    expect(stats.numberOfDocuments).toBe(count);
    const { hits } = await meili
      .index(indexName)
      .search("", { filter: `organizationId = "${organization.id}"`, limit: count });
    expect(new Set(hits.map((hit) => hit.serviceDescription))).toEqual(new Set(["Version three."]));
    expect((await db.select({ id: services.id }).from(services)).length).toBe(count);
  });
});
