import { eq, sql } from "drizzle-orm";
import { Meilisearch } from "meilisearch";
import { beforeAll, describe, expect, it } from "vitest";
import { taxonomyTermTranslations } from "#db/schema";
import { resolvePlace } from "~/geo/places.server";
import { countExpectedDocuments } from "~/search/documents.server";
import { servicesIndexName } from "~/search/meili.server";
import { parseSearchParams } from "~/search/params";
import { ensureSearchIndex, reindexAll } from "~/search/reindex.server";
import { searchServices } from "~/search/search.server";
import { REINDEX_LOCK_KEY, drainSearchOutbox } from "~/search/sync.server";
import type { SearchResult } from "~/search/types";
import { useTestEnvironment } from "../support/environment";
import { createService } from "../support/factories";
import { createSearchScenario, type SearchScenario } from "../support/search-fixtures";

const env = useTestEnvironment();
let scenario: SearchScenario;

const search = (params: string) =>
  searchServices(
    env().db,
    parseSearchParams(new URLSearchParams(params), { locale: "en", resolvePlace }).query,
  );

async function indexesOfThisFile(): Promise<string[]> {
  const { results } = await env().meili.getIndexes({ limit: 1000 });
  return results.map((index) => index.uid).filter((uid) => uid.startsWith(env().indexPrefix));
}

beforeAll(async () => {
  scenario = await createSearchScenario(env().db);
  // A database with listings and no index yet: start-up builds it.
  expect(await ensureSearchIndex(env().db)).toEqual({ action: "reindexed", documents: 9 });
  await drainSearchOutbox(env().db);
});

describe("full reindex", () => {
  it("rebuilds into a new index and swaps it in, answering throughout", async () => {
    const answers: SearchResult[] = [];
    let rebuilding = true;
    const searching = (async () => {
      while (rebuilding) answers.push(await search("category=asylum"));
    })();
    const result = await reindexAll(env().db, { batchSize: 2 });
    rebuilding = false;
    await searching;

    expect(answers.length).toBeGreaterThan(0);
    for (const answer of answers) {
      expect(answer.engine).toBe("meilisearch");
      expect(answer.total).toBe(3);
    }
    expect(result.documents).toBe(await countExpectedDocuments(env().db));
    const stats = await env().meili.index(servicesIndexName()).getStats();
    expect(stats.numberOfDocuments).toBe(9);
    // The previous contents were dropped with the temporary index.
    expect(await indexesOfThisFile()).toEqual([servicesIndexName()]);
  });

  it("keeps sync workers' changes queued during a rebuild and applies them after", async () => {
    const { db } = env();
    const added = await createService(db, {
      organizationId: scenario.organizations.queens.id,
      name: "Bond Hearing Help",
      categories: ["bond_hearings"],
      locationIds: [scenario.locations.corona.id],
    });
    await db.transaction(async (tx) => {
      // What reindexAll holds while it reads the database into the new index.
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${REINDEX_LOCK_KEY})`);
      const whileLocked = await drainSearchOutbox(db);
      expect(whileLocked).toMatchObject({ processed: 0, deferred: true });
    });
    expect(await drainSearchOutbox(db)).toMatchObject({ processed: 1, deferred: false });
    const result = await search("category=bond_hearings");
    expect(result.hits.map((hit) => hit.serviceId)).toEqual([added.id]);
  });

  it("on start, leaves a matching index alone and rebuilds one that differs", async () => {
    const { db, meili } = env();
    const expected = await countExpectedDocuments(db);
    expect(await ensureSearchIndex(db)).toEqual({ action: "none", documents: expected });

    await meili
      .index(servicesIndexName())
      .deleteDocument(`${scenario.services.removal.id}__${scenario.locations.bronxOffice.id}`)
      .waitTask({ timeout: 60_000 });
    expect(await ensureSearchIndex(db)).toEqual({ action: "reindexed", documents: expected });
    expect((await search("detained=true")).total).toBe(1);

    await meili.deleteIndex(servicesIndexName()).waitTask({ timeout: 60_000 });
    expect(await ensureSearchIndex(db)).toEqual({ action: "reindexed", documents: expected });
    const settings = await meili.index(servicesIndexName()).getSettings();
    expect(settings.filterableAttributes).toContain("_geo");
    expect(settings.sortableAttributes).toEqual(expect.arrayContaining(["_geo", "lastVerified"]));
    expect(settings.synonyms?.["green card"]).toContain("adjustment of status");
    expect(settings.localizedAttributes?.length).toBeGreaterThan(5);
  });

  it("on start, rebuilds when category names or search words changed", async () => {
    const { db } = env();
    const expected = await countExpectedDocuments(db);
    expect(await ensureSearchIndex(db)).toEqual({ action: "none", documents: expected });
    await db
      .update(taxonomyTermTranslations)
      .set({ keywords: ["asilo", "refugiado", "protección internacional"] })
      .where(eq(taxonomyTermTranslations.locale, "es"));
    expect((await search("q=protección+internacional")).total).toBe(0);
    expect(await ensureSearchIndex(db)).toEqual({ action: "reindexed", documents: expected });
    expect((await search("q=protección+internacional")).total).toBeGreaterThan(0);
  });

  it("lets the app start when Meilisearch does not answer", async () => {
    const unreachable = new Meilisearch({ host: "http://127.0.0.1:1", timeout: 1000 });
    const result = await ensureSearchIndex(env().db, { client: unreachable });
    expect(result.action).toBe("unavailable");
  });
});
