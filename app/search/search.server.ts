import { Meilisearch, type MultiSearchQuery, type SearchResponse } from "meilisearch";
import { requireMeili } from "~/config.server";
import type { Database } from "~/db.server";
import { currentSlot, documentToHit, type ServiceDocument } from "~/search/documents.server";
import { nodeHttpClient } from "~/search/http-client.server";
import { servicesIndexName } from "~/search/meili.server";
import { searchApiKey } from "~/search/search-key.server";
import { searchWithPostgres } from "~/search/postgres-search.server";
import { FACET_ATTRIBUTES, queryLocales } from "~/search/settings.server";
import { errorCode, isMeiliUnavailable, type SearchTarget } from "~/search/sync.server";
import type { FacetName, Facets, SearchQuery, SearchResult } from "~/search/types";

export const METERS_PER_MILE = 1609.344;
/** A search that takes longer than this is answered by the Postgres fallback instead. */
const SEARCH_TIMEOUT_MS = 2_500;

/** The facets that are also filters: their counts ignore their own filter (see below). */
export const FILTER_FACETS = [
  "categories",
  "languages",
  "fees",
  "delivery",
  "populations",
  "courts",
  "providers",
  "accepting",
  "detained",
] as const satisfies readonly FacetName[];
export type FilterFacet = (typeof FILTER_FACETS)[number];
export const ALL_FACETS: FacetName[] = [...FILTER_FACETS, "county"];

export function isFilterActive(query: SearchQuery, facet: FilterFacet): boolean {
  switch (facet) {
    case "categories":
      return query.categories.length > 0;
    case "languages":
      return query.languages.length > 0;
    case "populations":
      return query.populations.length > 0;
    case "fees":
      return query.fees !== undefined;
    case "delivery":
      return query.delivery !== undefined;
    case "courts":
      return query.court !== undefined;
    case "providers":
      return query.provider !== undefined;
    case "accepting":
      return query.accepting !== undefined;
    case "detained":
      return query.detained !== undefined;
  }
}

/** Language filters: "zh-Hant" matches exactly, a bare "zh" matches every Chinese tag. */
export function splitLanguages(languages: string[]): { tags: string[]; bases: string[] } {
  return {
    tags: languages.filter((tag) => tag.includes("-")),
    bases: languages.filter((tag) => !tag.includes("-")),
  };
}

export function pageCount(total: number, pageSize: number): number {
  return Math.ceil(total / pageSize);
}

const list = (values: readonly string[]) =>
  `[${values.map((value) => JSON.stringify(value)).join(", ")}]`;

function meiliFilterFor(query: SearchQuery, facet: FilterFacet): string | undefined {
  if (!isFilterActive(query, facet)) return undefined;
  switch (facet) {
    case "categories":
      return `categories IN ${list(query.categories)}`;
    case "languages": {
      const { tags, bases } = splitLanguages(query.languages);
      const parts = [
        tags.length > 0 && `languages IN ${list(tags)}`,
        bases.length > 0 && `languageBases IN ${list(bases)}`,
      ].filter(Boolean);
      return parts.length > 1 ? `(${parts.join(" OR ")})` : (parts[0] as string);
    }
    case "populations":
      return `populations IN ${list(query.populations)}`;
    case "fees":
      return `fees = ${JSON.stringify(query.fees)}`;
    case "delivery":
      return `deliveryMethods = ${JSON.stringify(query.delivery)}`;
    case "courts":
      return `courtsServed = ${JSON.stringify(query.court)}`;
    case "providers":
      return `providerTypes = ${JSON.stringify(query.provider)}`;
    case "accepting":
      return `acceptingNewClients = ${query.accepting}`;
    case "detained":
      return `takesDetainedCases = ${query.detained}`;
  }
}

/** Filters that are not facets: place and opening hours. */
function meiliBaseFilters(query: SearchQuery, now: Date): string[] {
  const filters: string[] = [];
  if (query.near) {
    const { latitude, longitude, county } = query.near;
    const meters = Math.round((query.radius ?? 10) * METERS_PER_MILE);
    const radius = `_geoRadius(${latitude}, ${longitude}, ${meters})`;
    // Places without a point (confidential shelters, phone or video only) match by the
    // counties they serve.
    filters.push(
      county ? `(${radius} OR (hasGeo = false AND counties = ${JSON.stringify(county)}))` : radius,
    );
  }
  if (query.openNow) filters.push(`open_slots = ${JSON.stringify(currentSlot(now))}`);
  return filters;
}

const RETRIEVED_ATTRIBUTES: Array<keyof ServiceDocument> = [
  "id",
  "serviceId",
  "locationId",
  "organizationId",
  "organizationSlug",
  "organizationName",
  "serviceName",
  "serviceDescription",
  "originalLanguage",
  "serviceNames",
  "serviceDescriptions",
  "categories",
  "languages",
  "fees",
  "acceptingNewClients",
  "takesDetainedCases",
  "deliveryMethods",
  "populations",
  "courtsServed",
  "providerTypes",
  "address",
  "confidentialLocation",
  "county",
  "_geo",
  "phone",
  "hours",
  "lastVerified",
];

let searchClient: Promise<Meilisearch> | undefined;

/**
 * The client of every search, with the search-only key (app/search/search-key.server.ts).
 * When getting the key fails (Meilisearch down), the next search tries again.
 */
export function defaultSearchClient(): Promise<Meilisearch> {
  searchClient ??= searchApiKey().then(
    (apiKey) =>
      new Meilisearch({
        host: requireMeili().host,
        apiKey,
        timeout: SEARCH_TIMEOUT_MS,
        httpClient: nodeHttpClient,
      }),
    (error: unknown) => {
      searchClient = undefined;
      throw error;
    },
  );
  return searchClient;
}

export async function searchWithMeilisearch(
  query: SearchQuery,
  options: SearchTarget & { now?: Date } = {},
): Promise<SearchResult> {
  const now = options.now ?? new Date();
  const client = options.client ?? (await defaultSearchClient());
  const indexUid = options.indexName ?? servicesIndexName();

  const base = meiliBaseFilters(query, now);
  const facetFilters = Object.fromEntries(
    FILTER_FACETS.map((facet) => [facet, meiliFilterFor(query, facet)]),
  ) as Record<FilterFacet, string | undefined>;
  const filterWithout = (skip?: FilterFacet) => [
    ...base,
    ...FILTER_FACETS.filter((facet) => facet !== skip)
      .map((facet) => facetFilters[facet])
      .filter((filter): filter is string => filter !== undefined),
  ];

  const q = query.q.trim();
  const common = {
    indexUid,
    q,
    // A word that narrows too much is dropped, most frequent first ("help with asylum" still
    // finds asylum services that do not say "help"); results matching every word rank first.
    matchingStrategy: "frequency" as const,
    ...(q ? { locales: queryLocales(q, query.locale) } : {}),
  };
  // Facet counts next to a filter that is in use count what choosing each value would give
  // (the query without that filter), so choosing a second language never shows "0".
  const active = FILTER_FACETS.filter((facet) => facetFilters[facet] !== undefined);
  const passive = ALL_FACETS.filter((facet) => !active.includes(facet as FilterFacet));

  const sort = query.near
    ? [`_geoPoint(${query.near.latitude}, ${query.near.longitude}):asc`]
    : q
      ? undefined
      : ["sortName:asc"];

  const queries: MultiSearchQuery[] = [
    {
      ...common,
      filter: filterWithout(),
      facets: passive.map((facet) => FACET_ATTRIBUTES[facet]),
      page: query.page,
      hitsPerPage: query.pageSize,
      sort,
      attributesToRetrieve: RETRIEVED_ATTRIBUTES,
    },
    ...active.map((facet) => ({
      ...common,
      filter: filterWithout(facet),
      facets: [FACET_ATTRIBUTES[facet]],
      limit: 0,
    })),
  ];

  const { results } = await client.multiSearch<{ queries: MultiSearchQuery[] }, ServiceDocument>({
    queries,
  });
  const [main, ...facetResults] = results as Array<SearchResponse<ServiceDocument>>;

  const facets: Facets = {};
  const attributeToFacet = Object.fromEntries(
    Object.entries(FACET_ATTRIBUTES).map(([facet, attribute]) => [attribute, facet]),
  ) as Record<string, FacetName>;
  for (const response of [main!, ...facetResults]) {
    for (const [attribute, counts] of Object.entries(response.facetDistribution ?? {}))
      facets[attributeToFacet[attribute]!] = counts;
  }
  for (const facet of ALL_FACETS) facets[facet] ??= {};

  const total = main!.totalHits ?? 0;
  return {
    hits: main!.hits.map((document) => {
      const hit = documentToHit(document, query.locale, now);
      const meters = (document as { _geoDistance?: number })._geoDistance;
      if (query.near && document._geo && typeof meters === "number")
        hit.distanceMiles = Math.round((meters / METERS_PER_MILE) * 10) / 10;
      return hit;
    }),
    facets,
    total,
    page: query.page,
    pageSize: query.pageSize,
    totalPages: pageCount(total, query.pageSize),
    engine: "meilisearch",
  };
}

/**
 * Searches the directory: Meilisearch when it answers, else the Postgres fallback with the
 * same filters, facets and pages (the result says `engine: "postgres"`).
 */
export async function searchServices(
  db: Database,
  query: SearchQuery,
  options: SearchTarget & { now?: Date } = {},
): Promise<SearchResult> {
  try {
    return await searchWithMeilisearch(query, options);
  } catch (error) {
    const indexMissing = errorCode(error) === "index_not_found";
    if (!isMeiliUnavailable(error) && !indexMissing) throw error;
    return searchWithPostgres(db, query, { now: options.now });
  }
}
