import type { MultiSearchQuery, SearchResponse } from "meilisearch";
import type { Database } from "~/db.server";
import { currentSlot, documentToHit, type ServiceDocument } from "~/search/documents.server";
import { coalition } from "~/coalition.server";
import { openNowZones } from "~/geo/time-zones.server";
import { meiliForSearch, servicesIndexName } from "~/search/meili.server";
import { fallbackGate } from "~/search/fallback-gate.server";
import { searchWithPostgres } from "~/search/postgres-search.server";
import {
  ALL_FACETS,
  FACET_ATTRIBUTES,
  FACETED_FILTERS,
  SEARCH_FILTERS,
  chosenValues,
  splitLanguages,
  type FilterFacet,
  type SearchFilter,
} from "~/search/filters";
import { queryLocales } from "~/search/settings.server";
import { errorCode, isMeiliUnavailable, type SearchTarget } from "~/search/sync.server";
import type { FacetName, Facets, SearchQuery, SearchResult } from "~/search/types";

export const METERS_PER_MILE = 1609.344;

export function pageCount(total: number, pageSize: number): number {
  return Math.ceil(total / pageSize);
}

const list = (values: readonly string[]) =>
  `[${values.map((value) => JSON.stringify(value)).join(", ")}]`;

/** One filter as a Meilisearch filter expression (each match rule written once). */
export function meiliFilterFor(
  query: SearchQuery,
  definition: SearchFilter,
  now: Date,
): string | undefined {
  const chosen = chosenValues(query, definition);
  if (chosen.length === 0) return undefined;
  switch (definition.match) {
    case "anyOf":
      return `${definition.attribute} IN ${list(chosen)}`;
    case "boolean":
      return `${definition.attribute} = ${chosen[0] === "true"}`;
    case "languageTag": {
      const { tags, bases } = splitLanguages(chosen);
      const parts = [
        tags.length > 0 && `${definition.attribute} IN ${list(tags)}`,
        bases.length > 0 && `${definition.bases.attribute} IN ${list(bases)}`,
      ].filter(Boolean);
      return parts.length > 1 ? `(${parts.join(" OR ")})` : (parts[0] as string);
    }
    case "openNow": {
      // Each place's hours are in its own zone: one clause per slot it is now somewhere.
      const zonesBySlot = new Map<string, string[]>();
      for (const zone of openNowZones(coalition().timeZone)) {
        const slot = currentSlot(now, zone);
        zonesBySlot.set(slot, [...(zonesBySlot.get(slot) ?? []), zone]);
      }
      const clauses = [...zonesBySlot].map(
        ([slot, zones]) =>
          `(timeZone IN ${list(zones)} AND ${definition.attribute} = ${JSON.stringify(slot)})`,
      );
      return `(${clauses.join(" OR ")})`;
    }
  }
}

/** Filters that are not facets: the place, and filters without counts (open now). */
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
  for (const definition of SEARCH_FILTERS) {
    if ("facet" in definition) continue;
    const filter = meiliFilterFor(query, definition, now);
    if (filter) filters.push(filter);
  }
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
  "timeZone",
  "lastVerified",
];

export async function searchWithMeilisearch(
  query: SearchQuery,
  options: SearchTarget & { now?: Date } = {},
): Promise<SearchResult> {
  const now = options.now ?? new Date();
  const client = options.client ?? (await meiliForSearch());
  const indexUid = options.indexName ?? servicesIndexName();

  const base = meiliBaseFilters(query, now);
  const facetFilters = FACETED_FILTERS.map((definition) => ({
    facet: definition.facet,
    filter: meiliFilterFor(query, definition, now),
  }));
  const filterWithout = (skip?: FilterFacet) => [
    ...base,
    ...facetFilters
      .filter(({ facet, filter }) => facet !== skip && filter !== undefined)
      .map(({ filter }) => filter as string),
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
  const active = facetFilters
    .filter(({ filter }) => filter !== undefined)
    .map(({ facet }) => facet);
  const passive = ALL_FACETS.filter((facet) => !(active as FacetName[]).includes(facet));

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
 * same filters, facets and pages (the result says `engine: "postgres"`), a few at a time per
 * process: beyond that it throws SearchBusyError (fallback-gate.server.ts).
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
    return fallbackGate.run(() => searchWithPostgres(db, query, { now: options.now }));
  }
}
