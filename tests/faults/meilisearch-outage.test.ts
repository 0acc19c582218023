import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { searchOutbox } from "#db/schema";
import { parseSearchParams } from "~/search/params";
import { ensureSearchIndex } from "~/search/reindex.server";
import { searchServices } from "~/search/search.server";
import { startSearchSyncWorker } from "~/search/sync.server";
import { useTestEnvironment } from "../support/environment";
import {
  createLocation,
  createOrganization,
  createService,
  seedTaxonomy,
  updateService,
} from "../support/factories";
import { useOwnMeilisearch } from "../support/meilisearch-process";
import { indexDifferences, waitUntil } from "../support/search-consistency";

const env = useTestEnvironment();
const own = useOwnMeilisearch("puente-fault-meili-");

const SERVICES = 50;
const EDITS = 1000;

describe("Meilisearch killed during listing edits", () => {
  it("loses no edit, and the index equals Postgres within 60 s of its return", async () => {
    const { db } = env();
    const indexName = `${env().indexPrefix}services`;
    await seedTaxonomy(db);
    const organization = await createOrganization(db, { name: "Harbor Legal Aid" });
    const location = await createLocation(db, { organizationId: organization.id });
    const services: Array<{ id: string }> = [];
    for (let i = 0; i < SERVICES; i++)
      services.push(
        await createService(db, {
          organizationId: organization.id,
          name: `Asylum Clinic ${i}`,
          categories: ["asylum"],
          locationIds: [location.id],
        }),
      );
    await ensureSearchIndex(db, { client: own.client, indexName });
    // The background job every app process runs, on this Meilisearch.
    const worker = startSearchSyncWorker(db, 100, { client: own.client, indexName });
    try {
      // Four editors at once, each on its own services (service % 4 === lane), each in order,
      // so every service's last edit is edit 950 + its number.
      let edits = 0;
      const editor = async (lane: number) => {
        for (let edit = 0; edit < EDITS; edit++) {
          if ((edit % SERVICES) % 4 !== lane) continue;
          if (++edits === EDITS / 4) await own.server.stop("SIGKILL");
          await updateService(db, services[edit % SERVICES]!.id, {
            name: `Asylum Clinic ${edit % SERVICES} edit ${edit}`,
            description: `Changed by edit ${edit}.`,
          });
        }
      };
      await Promise.all([0, 1, 2, 3].map(editor));
      expect(edits).toBe(EDITS);
      // The worker has met the dead server: the edits wait in the outbox with their failures.
      await waitUntil(
        async () => (await db.select().from(searchOutbox)).some((row) => row.attempts > 0),
        30_000,
      );
      // As after an outage of ~20 minutes: every row has failed ten times already; and once more.
      await db.execute(sql`UPDATE search_outbox SET attempts = 10, available_at = now()`);
      await waitUntil(
        async () =>
          (
            await db.execute<{ n: number }>(
              sql`SELECT count(*)::int AS n FROM search_outbox WHERE attempts <= 10`,
            )
          )[0]!.n === 0,
        30_000,
      );
      // Meanwhile searches answer from Postgres, with the edits.
      const query = parseSearchParams(new URLSearchParams({ q: "asylum" }), {
        locale: "en",
        resolvePlace: () => undefined,
      }).query;
      const degraded = await searchServices(db, query, { client: own.client, indexName });
      expect(degraded.engine).toBe("postgres");
      expect(degraded.total).toBe(SERVICES);
      for (const hit of degraded.hits) expect(hit.serviceName).toMatch(/ edit 9[5-9][0-9]$/);

      await own.server.start();
      const returnedAt = Date.now();
      const caughtUp = await waitUntil(
        async () =>
          (await db.select().from(searchOutbox)).length === 0 &&
          (await indexDifferences(db, own.client, indexName)).length === 0,
        60_000 - (Date.now() - returnedAt),
        async () => (await indexDifferences(db, own.client, indexName)).join(", "),
        500,
      );
      expect(Date.now() - returnedAt).toBeLessThanOrEqual(60_000);
      expect(caughtUp).toBeGreaterThanOrEqual(0);
      const stats = await own.client.index(indexName).getStats();
      expect(stats.numberOfDocuments).toBe(SERVICES);
    } finally {
      await worker.stop();
    }
  });
});
