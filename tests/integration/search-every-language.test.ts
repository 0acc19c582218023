import { beforeAll, describe, expect, it } from "vitest";
import { seedTaxonomy, TAXONOMY, TAXONOMY_LOCALES } from "~/seed.server";
import { CATEGORY_CODES, type CategoryCode } from "#db/codes/categories";
import { resolvePlace } from "~/geo/places.server";
import { parseSearchParams } from "~/search/params";
import { reindexAll } from "~/search/reindex.server";
import { searchServices } from "~/search/search.server";
import { useTestEnvironment } from "../support/environment";
import { createOrganization, createService } from "../support/factories";

const env = useTestEnvironment();
const serviceOf = new Map<CategoryCode, string>();

/**
 * One service per category, with neutral names, so only the category's translated names and
 * search words can make it match: what a person typing in their own language relies on.
 */
beforeAll(async () => {
  await seedTaxonomy(env().db);
  const organization = await createOrganization(env().db, { name: "Neutral Member" });
  for (const [index, code] of CATEGORY_CODES.entries()) {
    const service = await createService(env().db, {
      organizationId: organization.id,
      name: `Program ${index + 1}`,
      description: "",
      categories: [code],
    });
    serviceOf.set(code, service.id);
  }
  await reindexAll(env().db);
});

describe("searching a category in every language", () => {
  for (const locale of TAXONOMY_LOCALES) {
    it(`finds each category by its ${locale} name, from the ${locale} interface`, async () => {
      const misses: string[] = [];
      for (const term of TAXONOMY) {
        if (!(CATEGORY_CODES as readonly string[]).includes(term.code)) continue;
        const [name] = term.translations[locale];
        const { query } = parseSearchParams(new URLSearchParams({ q: name }), {
          locale,
          resolvePlace,
        });
        const result = await searchServices(env().db, query);
        expect(result.engine).toBe("meilisearch");
        const found = result.hits.some(
          (hit) => hit.serviceId === serviceOf.get(term.code as CategoryCode),
        );
        if (!found) misses.push(`${term.code} ← "${name}"`);
      }
      expect(misses).toEqual([]);
    });
  }
});
