import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { searchOutbox } from "#db/schema";
import { parseSearchParams } from "~/search/params";
import { ensureSearchIndex } from "~/search/reindex.server";
import { searchServices } from "~/search/search.server";
import { drainSearchOutbox } from "~/search/sync.server";
import { useTestEnvironment } from "../support/environment";
import { unreachableMeilisearch } from "../support/meilisearch-process";
import {
  createLocation,
  createOrganization,
  createService,
  seedTaxonomy,
  updateService,
} from "../support/factories";

/*
 * search_documents, the fallback's copy of the index: filled on start when it is empty or
 * outdated (as after the migration that created it), kept by the outbox worker even while
 * Meilisearch is down.
 */

const env = useTestEnvironment();

const fallbackSearch = async (q: string) => {
  const result = await searchServices(
    env().db,
    parseSearchParams(new URLSearchParams({ q }), { locale: "en", resolvePlace: () => undefined })
      .query,
    { client: unreachableMeilisearch },
  );
  expect(result.engine).toBe("postgres");
  return result.hits.map((hit) => hit.serviceName).sort();
};

const rowCount = async () => {
  const [row] = await env().db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM search_documents`,
  );
  return row!.n;
};

let serviceId: string;
let organizationId: string;

beforeAll(async () => {
  const { db } = env();
  await seedTaxonomy(db);
  const organization = await createOrganization(db, { name: "Corona Legal" });
  organizationId = organization.id;
  const [first, second] = await Promise.all([
    createLocation(db, { organizationId: organization.id }),
    createLocation(db, { organizationId: organization.id }),
  ]);
  const service = await createService(db, {
    organizationId: organization.id,
    name: "Asylum Clinic",
    categories: ["asylum"],
    locationIds: [first!.id, second!.id],
  });
  serviceId = service.id;
  await createService(db, {
    organizationId: organization.id,
    name: "Citizenship Workshop",
    categories: ["naturalization"],
  });
  // As after the migration: listings exist, their rows do not.
  await db.delete(searchOutbox);
});

describe("search_documents", () => {
  it("is filled on start when Meilisearch is down, and the fallback finds every listing", async () => {
    expect(await rowCount()).toBe(0);
    expect(await ensureSearchIndex(env().db, { client: unreachableMeilisearch })).toMatchObject({
      action: "unavailable",
    });
    // One row per document: the clinic at each of its two places, the workshop without one.
    expect(await rowCount()).toBe(3);
    expect(await fallbackSearch("asylum")).toEqual(["Asylum Clinic", "Asylum Clinic"]);
    expect(await fallbackSearch("citizenship")).toEqual(["Citizenship Workshop"]);
  });

  it("is rewritten on start when its rows were built by another version", async () => {
    await env().db.execute(sql`UPDATE search_documents SET build_version = 'older'`);
    await ensureSearchIndex(env().db, { client: unreachableMeilisearch });
    const [row] = await env().db.execute<{ outdated: number }>(
      sql`SELECT count(*)::int AS outdated FROM search_documents WHERE build_version = 'older'`,
    );
    expect(row!.outdated).toBe(0);
    expect(await rowCount()).toBe(3);
  });

  it("finds a name typed with a typo, and a category word typed with one", async () => {
    expect(await fallbackSearch("coronna")).toEqual([
      "Asylum Clinic",
      "Asylum Clinic",
      "Citizenship Workshop",
    ]);
    expect(await fallbackSearch("citizenshp")).toEqual(["Citizenship Workshop"]);
  });

  it("takes an edit made while Meilisearch is down, so the fallback shows it at once", async () => {
    await updateService(env().db, serviceId, { name: "Zephyr Clinic" });
    expect(await fallbackSearch("zephyr")).toEqual([]);

    const drained = await drainSearchOutbox(env().db, { client: unreachableMeilisearch });
    expect(drained).toMatchObject({ processed: 0, failed: 1 });
    // Still queued for Meilisearch, but the rows are current.
    expect(await env().db.select().from(searchOutbox)).toHaveLength(1);
    expect(await fallbackSearch("zephyr")).toEqual(["Zephyr Clinic", "Zephyr Clinic"]);
  });

  it("loses the rows of an unpublished organization while Meilisearch is down", async () => {
    await env().db.execute(
      sql`UPDATE organizations SET status = 'draft' WHERE id = ${organizationId}`,
    );
    await env().db.insert(searchOutbox).values({
      entityType: "organization",
      entityId: organizationId,
    });
    await env().db.execute(sql`UPDATE search_outbox SET available_at = now()`);
    await drainSearchOutbox(env().db, { client: unreachableMeilisearch });
    expect(await rowCount()).toBe(0);
    expect(await fallbackSearch("citizenship")).toEqual([]);
  });
});
