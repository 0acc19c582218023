import { beforeAll, describe, expect, it } from "vitest";
import { COMMON_SERVICE_LANGUAGES } from "#db/codes/directory";
import { resolvePlace } from "~/geo/places.server";
import { SEARCH_FILTERS, type SearchFilter } from "~/search/filters";
import { parseSearchParams } from "~/search/params";
import { ensureSearchIndex } from "~/search/reindex.server";
import { searchServices } from "~/search/search.server";
import { drainSearchOutbox } from "~/search/sync.server";
import type { SearchResult } from "~/search/types";
import { useTestEnvironment } from "../support/environment";
import { unreachableMeilisearch } from "../support/meilisearch-process";
import { createSearchScenario } from "../support/search-fixtures";

/*
 * Every filter of SEARCH_FILTERS, on both engines, over the same seeded directory: the hits,
 * totals and facet counts must be the same. A filter added to the table is tested here without
 * writing anything; the last test makes sure the seeded data gives it something to narrow.
 */

const env = useTestEnvironment();
/** Wednesday 25 Nov 2026, 3:10 pm in New York: some services are open, some are not. */
const NOW = new Date("2026-11-25T20:10:00Z");
let everything: number;

type Engine = "meilisearch" | "postgres";

async function search(engine: Engine, params: URLSearchParams): Promise<SearchResult> {
  const { query, ignored } = parseSearchParams(params, {
    locale: "en",
    resolvePlace,
    pageSize: 100,
  });
  expect(ignored).toEqual([]);
  const result = await searchServices(env().db, query, {
    now: NOW,
    ...(engine === "postgres" ? { client: unreachableMeilisearch } : {}),
  });
  expect(result.engine).toBe(engine);
  return result;
}

/** What must agree: which documents, how many, and every facet count. */
async function bothEngines(params: URLSearchParams) {
  const [meili, postgres] = await Promise.all([
    search("meilisearch", params),
    search("postgres", params),
  ]);
  const summary = (result: SearchResult) => ({
    ids: result.hits.map((hit) => hit.id).sort(),
    total: result.total,
    facets: result.facets,
  });
  return { meili: summary(meili), postgres: summary(postgres) };
}

/** Values worth trying for a filter: its whole vocabulary, or both answers of a yes/no one. */
function valuesToTry(definition: SearchFilter): string[] {
  switch (definition.match) {
    case "anyOf":
      return "values" in definition ? [...definition.values] : [];
    case "languageTag":
      // Exact tags, and bare languages that stand for every script ("zh").
      return [...COMMON_SERVICE_LANGUAGES, "zh", "ko"];
    case "boolean":
      return ["true", "false"];
    case "openNow":
      return ["true"];
  }
}

const cases = SEARCH_FILTERS.flatMap((definition) =>
  valuesToTry(definition).map((value) => [definition.parameter, value] as const),
);

beforeAll(async () => {
  await ensureSearchIndex(env().db);
  await createSearchScenario(env().db);
  const drained = await drainSearchOutbox(env().db);
  expect(drained.failed).toBe(0);
  everything = (await search("postgres", new URLSearchParams())).total;
  expect(everything).toBeGreaterThan(5);
});

describe("every search filter gives the same answer on Meilisearch and on the Postgres fallback", () => {
  it("with no filter", async () => {
    const { meili, postgres } = await bothEngines(new URLSearchParams());
    expect(postgres).toEqual(meili);
  });

  it.each(cases)("%s=%s", async (parameter, value) => {
    const { meili, postgres } = await bothEngines(new URLSearchParams([[parameter, value]]));
    expect(postgres).toEqual(meili);
  });

  it("with two values of each repeatable filter, and every filter at once", async () => {
    for (const definition of SEARCH_FILTERS.filter((candidate) => candidate.many)) {
      const [first, second] = valuesToTry(definition);
      const params = new URLSearchParams([
        [definition.parameter, first!],
        [definition.parameter, second!],
      ]);
      const { meili, postgres } = await bothEngines(params);
      expect(postgres, params.toString()).toEqual(meili);
    }
    // Facet counts beside a chosen filter ignore that filter: the engines must agree on that.
    const all = new URLSearchParams([
      ["category", "asylum"],
      ["language", "es"],
      ["fees", "free"],
      ["accepting", "true"],
    ]);
    const { meili, postgres } = await bothEngines(all);
    expect(meili.total).toBeGreaterThan(0);
    expect(postgres).toEqual(meili);
  });

  it.each(SEARCH_FILTERS.map((definition) => [definition.parameter, definition] as const))(
    "the seeded directory lets %s narrow the results (add data to the scenario if not)",
    async (_parameter, definition) => {
      const totals = await Promise.all(
        valuesToTry(definition).map(
          async (value) =>
            (await search("meilisearch", new URLSearchParams([[definition.parameter, value]])))
              .total,
        ),
      );
      expect(totals.some((total) => total > 0 && total < everything)).toBe(true);
    },
  );
});
