import { describe, expect, it } from "vitest";
import { searchOutbox } from "#db/schema";
import { parseSearchParams } from "~/search/params";
import { ensureSearchIndex } from "~/search/reindex.server";
import { searchServices } from "~/search/search.server";
import { drainSearchOutbox } from "~/search/sync.server";
import { useTestEnvironment } from "../support/environment";
import {
  createLocation,
  createOrganization,
  createService,
  seedTaxonomy,
  updateService,
} from "../support/factories";
import { useOwnMeilisearch } from "../support/meilisearch-process";

const env = useTestEnvironment();
const own = useOwnMeilisearch("puente-meili-catchup-");

const searchFor = (q: string) =>
  searchServices(
    env().db,
    parseSearchParams(new URLSearchParams({ q }), {
      locale: "en",
      resolvePlace: () => undefined,
    }).query,
    { client: own.client },
  );

describe("outbox catch-up", () => {
  it("an edit made while Meilisearch is down reaches the index when it is back", async () => {
    const { db } = env();
    await seedTaxonomy(db);
    const organization = await createOrganization(db, { name: "Corona Legal" });
    const location = await createLocation(db, { organizationId: organization.id });
    const service = await createService(db, {
      organizationId: organization.id,
      name: "Asylum Clinic",
      categories: ["asylum"],
      locationIds: [location.id],
    });
    expect(await ensureSearchIndex(db, { client: own.client })).toEqual({
      action: "reindexed",
      documents: 1,
    });
    await drainSearchOutbox(db, { client: own.client });
    expect(await db.select().from(searchOutbox)).toEqual([]);
    const before = await searchFor("asylum");
    expect(before.engine).toBe("meilisearch");
    expect(before.hits.map((hit) => hit.serviceName)).toEqual(["Asylum Clinic"]);

    await own.server.stop();
    await updateService(db, service.id, { name: "Refugee and Asylum Clinic" });

    const failed = await drainSearchOutbox(db, { client: own.client });
    expect(failed).toMatchObject({ processed: 0, failed: 1 });
    const [queued] = await db.select().from(searchOutbox);
    expect(queued).toMatchObject({ entityType: "service", entityId: service.id, attempts: 1 });
    expect(queued!.lastError).toMatch(/Meilisearch/);
    expect(queued!.availableAt.getTime()).toBeGreaterThan(Date.now());

    // Until its backoff has passed, the row is left alone.
    expect(await drainSearchOutbox(db, { client: own.client })).toMatchObject({
      processed: 0,
      failed: 0,
    });
    expect(await db.select().from(searchOutbox)).toHaveLength(1);

    // Meanwhile searches still answer, from Postgres, with the edit.
    const degraded = await searchFor("asylum");
    expect(degraded.engine).toBe("postgres");
    expect(degraded.hits.map((hit) => hit.serviceName)).toEqual(["Refugee and Asylum Clinic"]);

    await own.server.start();
    // Same data directory: the index is back with the old name, and the row catches it up.
    const stale = await searchFor("asylum");
    expect(stale.engine).toBe("meilisearch");
    expect(stale.hits.map((hit) => hit.serviceName)).toEqual(["Asylum Clinic"]);

    const deadline = Date.now() + 30_000;
    while ((await db.select().from(searchOutbox)).length > 0 && Date.now() < deadline) {
      await drainSearchOutbox(db, { client: own.client });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await db.select().from(searchOutbox)).toEqual([]);

    const after = await searchFor("refugee");
    expect(after.engine).toBe("meilisearch");
    expect(after.hits.map((hit) => hit.serviceName)).toEqual(["Refugee and Asylum Clinic"]);
    // Starting a Meilisearch twice (and its tokenizers' dictionaries) takes a while on 2 cores.
  }, 120_000);
});
