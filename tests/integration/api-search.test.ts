import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { loader } from "~/routes/api.search";
import { ensureSearchIndex } from "~/search/reindex.server";
import { drainSearchOutbox } from "~/search/sync.server";
import type { SearchHit } from "~/search/types";
import { useTestEnvironment } from "../support/environment";
import { createSearchScenario } from "../support/search-fixtures";

const env = useTestEnvironment();

async function get(query: string, headers: Record<string, string> = {}) {
  const request = new Request(`http://localhost/api/search?${query}`, { headers });
  const response = (await loader({
    request,
    params: {},
    context: {},
  } as LoaderFunctionArgs)) as Response;
  return { status: response.status, headers: response.headers, body: await response.json() };
}

beforeAll(async () => {
  await ensureSearchIndex(env().db);
  await createSearchScenario(env().db);
  await drainSearchOutbox(env().db);
});

describe("GET /api/search", () => {
  it("answers with hits, facets, totals and the engine", async () => {
    const { status, headers, body } = await get("category=asylum&near=11368&radius=25");
    expect(status).toBe(200);
    expect(headers.get("Cache-Control")).toContain("no-store");
    expect(body).toMatchObject({
      total: 3,
      page: 1,
      totalPages: 1,
      engine: "meilisearch",
      ignored: [],
    });
    // A filter's own facet counts the other choices (what adding them would give).
    expect(body.facets.categories).toMatchObject({ asylum: 3, vawa: 1 });
    expect(body.facets.fees).toEqual({ free: 3 });
    const distances = (body.hits as SearchHit[]).map((hit) => hit.distanceMiles);
    expect(distances.every((miles) => typeof miles === "number")).toBe(true);
    expect(distances).toEqual([...distances].sort((a, b) => a! - b!));
  });

  it("answers in the requested language", async () => {
    const { body } = await get("q=asilo&locale=es");
    expect((body.hits as SearchHit[]).map((hit) => hit.serviceName)).toContain("Clínica de asilo");
    const fromHeader = await get("q=asilo", { "Accept-Language": "es-MX,es;q=0.9" });
    expect((fromHeader.body.hits as SearchHit[]).map((hit) => hit.serviceName)).toContain(
      "Clínica de asilo",
    );
  });

  it("reports values it ignored", async () => {
    const { status, body } = await get("category=unicorns&near=Atlantis&fees=cheap");
    expect(status).toBe(200);
    expect(body.ignored).toEqual([
      { parameter: "near", value: "Atlantis", reason: "place_not_found" },
      { parameter: "category", value: "unicorns", reason: "unknown_value" },
      { parameter: "fees", value: "cheap", reason: "unknown_value" },
    ]);
    expect(body.total).toBe(9);
  });

  it.each([
    ["page=abc", "page"],
    ["page=2.5", "page"],
    ["near=11368&radius=ten", "radius"],
  ])("refuses %s with a 400 that names the parameter", async (query, parameter) => {
    const { status, body } = await get(query);
    expect(status).toBe(400);
    expect(body.error).toBe("invalid_parameters");
    expect(body.message).toContain(`"${parameter}" must be a number`);
    expect(body.parameters[0].parameter).toBe(parameter);
  });
});
