import { beforeAll, describe, expect, it } from "vitest";
import type { CategoryCode } from "#db/codes/categories";
import { resolvePlace } from "~/geo/places.server";
import { parseSearchParams } from "~/search/params";
import { ensureSearchIndex } from "~/search/reindex.server";
import { searchServices } from "~/search/search.server";
import { drainSearchOutbox } from "~/search/sync.server";
import type { SearchResult } from "~/search/types";
import { useTestEnvironment } from "../support/environment";
import { unreachableMeilisearch } from "../support/meilisearch-process";
import {
  createLocation,
  createOrganization,
  createService,
  seedTaxonomy,
} from "../support/factories";

/*
 * Issue 11, items 2 and 3: best matches first (text relevance, then services that take new
 * clients and speak the visitor's language, then distance), "closest" on request, a radius
 * that says what it cut, "any distance" that means it. A small directory north of ZIP 11368.
 */

const env = useTestEnvironment();
type Engine = "meilisearch" | "postgres";

async function search(
  engine: Engine,
  params: string,
  locale = "en",
): Promise<SearchResult & { names: string[] }> {
  const { query, ignored } = parseSearchParams(new URLSearchParams(params), {
    locale,
    resolvePlace,
    pageSize: 50,
  });
  expect(ignored).toEqual([]);
  const result = await searchServices(env().db, query, {
    ...(engine === "postgres" ? { client: unreachableMeilisearch } : {}),
  });
  expect(result.engine).toBe(engine);
  return { ...result, names: result.hits.map((hit) => hit.serviceName) };
}

const ASYLUM = [
  "Ayuda de asilo",
  "Asylum Project Far Away",
  "Asylum Help",
  "Asylum Clinic",
  "Asylum Representation",
  "Asylum Rights Project",
  "Asylum Intake",
];

beforeAll(async () => {
  await ensureSearchIndex(env().db);
  await seedTaxonomy(env().db);
  const center = resolvePlace("11368")!;
  const organization = await createOrganization(env().db, { name: "Relevance Center" });
  const at = async (miles: number) =>
    (
      await createLocation(env().db, {
        organizationId: organization.id,
        address1: `${miles} Test Street`,
        city: "Corona",
        county: "36081",
        postalCode: "11368",
        latitude: center.latitude + miles / 69,
        longitude: center.longitude,
      })
    ).id;
  const service = (
    name: string,
    miles: string,
    options: {
      description?: string;
      categories?: CategoryCode[];
      languages?: string[];
      accepting?: boolean;
      translations?: Array<{ locale: string; name?: string; description?: string }>;
    },
  ) => ({ name, miles, options });
  const services = [
    // The nearest ones only mention asylum in their description.
    service("Work Permit Help", "0.2", {
      description: "Work permits (EAD) for people with a pending asylum application.",
      categories: ["work_permits"],
      languages: ["en", "es"],
    }),
    service("Interpretation for Court", "0.2", {
      description: "Interpreters for asylum hearings.",
      categories: ["interpretation"],
      languages: ["en", "es"],
    }),
    service("Asylum Intake", "0.5", {
      description: "Asylum screenings.",
      categories: ["asylum"],
      languages: ["en", "es", "zh-Hans", "ar"],
      accepting: false,
    }),
    service("Asylum Clinic", "1.5", {
      description: "Asylum applications. Intake on Mondays.",
      categories: ["asylum"],
      languages: ["en"],
    }),
    service("Asylum Help", "3", {
      description: "Asylum applications and hearings.",
      categories: ["asylum"],
      languages: ["en", "es"],
      translations: [{ locale: "es", name: "Ayuda de asilo" }],
    }),
    service("Asylum Representation", "4", {
      description: "Asylum representation in court.",
      categories: ["asylum"],
      languages: ["zh-Hans"],
    }),
    service("Asylum Rights Project", "5", {
      description: "Asylum applications.",
      categories: ["asylum"],
      languages: ["ar"],
    }),
    service("Asylum Project Far Away", "20", {
      description: "Asylum applications.",
      categories: ["asylum"],
      languages: ["en"],
    }),
    service("Green Card Renewals", "1.5", {
      description: "Renewing permanent resident cards.",
      languages: ["en"],
    }),
    // Found through its category's names and search words only.
    service("Family Immigration Office", "1.5", {
      description: "Help for families.",
      categories: ["adjustment_of_status"],
      languages: ["en"],
    }),
  ];
  const locationOf = new Map<string, string>();
  for (const { name, miles, options } of services) {
    if (!locationOf.has(miles)) locationOf.set(miles, await at(Number(miles)));
    await createService(env().db, {
      organizationId: organization.id,
      name,
      description: options.description ?? "",
      categories: options.categories ?? [],
      languages: options.languages ?? ["en"],
      acceptingNewClients: options.accepting ?? true,
      translations: options.translations ?? [],
      locationIds: [locationOf.get(miles)!],
    });
  }
  const drained = await drainSearchOutbox(env().db);
  expect(drained.failed).toBe(0);
});

/** Query, interface language -> the services that must come first, in this order. */
const RELEVANCE: Array<{ params: string; locale: string; first: string[] }> = [
  // Spanish: the asylum services first (not the nearer work-permit and interpretation
  // services), the one that speaks Spanish and takes new clients first of all.
  { params: "q=asilo&near=11368", locale: "es", first: ["Ayuda de asilo"] },
  { params: "q=asylum&near=11368", locale: "en", first: ["Asylum Clinic", "Asylum Help"] },
  { params: "q=庇护&near=11368", locale: "zh-Hans", first: ["Asylum Representation"] },
  { params: "q=لجوء&near=11368", locale: "ar", first: ["Asylum Rights Project"] },
  { params: "q=убежище&near=11368", locale: "ru", first: ["Asylum Clinic"] },
  { params: "q=permiso+de+trabajo&near=11368", locale: "es", first: ["Work Permit Help"] },
  { params: "q=asylum", locale: "en", first: ["Asylum Clinic"] },
];

describe.each<Engine>(["meilisearch", "postgres"])("relevance with %s", (engine) => {
  it.each(RELEVANCE)("$params ($locale) puts $first first", async ({ params, locale, first }) => {
    const result = await search(engine, params, locale);
    expect(result.names.slice(0, first.length)).toEqual(first);
    if (/asylum|asilo|庇护|لجوء|убежище/.test(decodeURIComponent(params))) {
      // Every service named for asylum before those that only mention it.
      const asylumCount = ASYLUM.filter((name) => result.names.includes(name)).length;
      expect([...result.names.slice(0, asylumCount)].sort()).toEqual(
        ASYLUM.filter((name) => result.names.includes(name)).sort(),
      );
    }
  });

  it("never puts a service that takes no new clients first when others match", async () => {
    // "Asylum Intake" matches "intake" in its name, the clinic only in its description.
    const result = await search(engine, "q=intake&near=11368");
    expect(result.names[0]).not.toBe("Asylum Intake");
    expect(result.hits[0]!.acceptingNewClients).toBe(true);
    expect(result.names).toContain("Asylum Intake");
  });

  it("orders by distance with sort=closest", async () => {
    const result = await search(engine, "q=asilo&near=11368&sort=closest", "es");
    expect(["Work Permit Help", "Interpretation for Court"]).toContain(result.names[0]);
    const distances = result.hits.flatMap((hit) =>
      hit.distanceMiles === undefined ? [] : [hit.distanceMiles],
    );
    // The paused intake (0.5 mi) is the only one moved: never first.
    const withoutFirst = distances.slice(1);
    expect(withoutFirst).toEqual([...withoutFirst].sort((a, b) => a - b));
  });

  it("says how many more a radius leaves out, and 'any distance' means any distance", async () => {
    const within = await search(engine, "q=asylum&near=11368");
    expect(within.names).not.toContain("Asylum Project Far Away");
    expect(within.totalAnyDistance).toBe(within.total + 1);
    const any = await search(engine, "q=asylum&near=11368&radius=any");
    expect(any.names).toContain("Asylum Project Far Away");
    expect(any.total).toBe(within.total + 1);
    expect(any.totalAnyDistance).toBeUndefined();
    expect(
      any.hits.find((hit) => hit.serviceName === "Asylum Project Far Away")?.distanceMiles,
    ).toBeGreaterThan(19);
  });
});

describe("closest with several words (Meilisearch)", () => {
  it("puts what matches every word first, each group nearest first", async () => {
    const result = await search("meilisearch", "q=asylum+hearings&near=11368&sort=closest");
    // Both words: the interpretation service (0.2 mi) and Asylum Help (3 mi); then "asylum" only.
    expect(result.names.slice(0, 2)).toEqual(["Interpretation for Court", "Asylum Help"]);
    const rest = result.hits.slice(2).flatMap((hit) => hit.distanceMiles ?? []);
    expect(rest.slice(1)).toEqual([...rest.slice(1)].sort((a, b) => a - b));
  });
});

describe("why a result matched", () => {
  it("names the word matched through a synonym in another language", async () => {
    const result = await search("meilisearch", "q=mica", "es");
    const hit = result.hits.find((item) => item.serviceName === "Green Card Renewals");
    expect(hit?.matchedThrough).toEqual({ term: "Green Card", lang: "en" });
  });

  it("names the category word matched, in the visitor's language or English", async () => {
    // Typed in French by a Korean speaker: the category's English name says why it matched.
    const result = await search("meilisearch", "q=carte+verte", "ko");
    const hit = result.hits.find((item) => item.serviceName === "Family Immigration Office");
    expect(hit?.matchedThrough?.lang).toBe("en");
    expect(hit?.matchedThrough?.term.toLowerCase()).toMatch(
      /^(green card|adjustment of status|permanent resid)/,
    );
  });

  it("says nothing when the words typed are in the result", async () => {
    const result = await search("meilisearch", "q=green+card", "en");
    const hit = result.hits.find((item) => item.serviceName === "Green Card Renewals");
    expect(hit).toBeDefined();
    expect(hit?.matchedThrough).toBeUndefined();
  });
});
