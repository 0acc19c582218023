import type { MultiSearchQuery, SearchResponse } from "meilisearch";
import type { Database } from "~/db.server";
import {
  documentToHit,
  openSlotsNow,
  speaksSortKey,
  type ServiceDocument,
} from "~/search/documents.server";
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
import { acceptingFirst } from "~/search/ranking";
import { STOP_WORDS, queryLocales } from "~/search/settings.server";
import { errorCode, isMeiliUnavailable, type SearchTarget } from "~/search/sync.server";
import type { FacetName, Facets, SearchHit, SearchQuery, SearchResult } from "~/search/types";

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
      const clauses = openSlotsNow(now).map(
        ({ slot, zones }) =>
          `(timeZone IN ${list(zones)} AND ${definition.attribute} = ${JSON.stringify(slot)})`,
      );
      return `(${clauses.join(" OR ")})`;
    }
  }
}

/** Filters that are not facets: the place's radius, and filters without counts (open now). */
function meiliBaseFilters(query: SearchQuery, now: Date): string[] {
  const filters: string[] = [];
  // With a place and no radius ("any distance"), the place only orders the results.
  if (query.near && query.radius !== undefined) {
    const { latitude, longitude, county } = query.near;
    const meters = Math.round(query.radius * METERS_PER_MILE);
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
  const common = { indexUid, ...wordsMatched(q, query.locale) };
  // Facet counts next to a filter that is in use count what choosing each value would give
  // (the query without that filter), so choosing a second language never shows "0".
  const active = facetFilters
    .filter(({ filter }) => filter !== undefined)
    .map(({ facet }) => facet);
  const passive = ALL_FACETS.filter((facet) => !(active as FacetName[]).includes(facet));

  const geoSort = query.near
    ? [`_geoPoint(${query.near.latitude}, ${query.near.longitude}):asc`]
    : [];
  // "closest": distance decides after the words matched; with words, the ranking rules put
  // relevance before the sort, so the page is re-sorted below (closestPage).
  const closest = query.near !== undefined && query.sort === "closest";
  const sort = closest ? geoSort : bestOrder(q, query, geoSort);
  const twoStep = closest && q !== "";
  const severalWords = q.split(/\s+/).filter((word) => !STOP.has(word.toLowerCase())).length > 1;

  const anyDistanceQuery: MultiSearchQuery[] =
    query.near && query.radius !== undefined
      ? [
          {
            ...common,
            filter: [
              ...meiliBaseFilters({ ...query, radius: undefined }, now),
              ...filterWithout().slice(base.length),
            ],
            limit: 0,
          },
        ]
      : [];

  const queries: MultiSearchQuery[] = [
    {
      ...common,
      filter: filterWithout(),
      facets: passive.map((facet) => FACET_ATTRIBUTES[facet]),
      sort,
      ...(twoStep
        ? {
            // Every match's id, words matched and distance (up to CLOSEST_WINDOW), to order by.
            offset: 0,
            limit: CLOSEST_WINDOW,
            // `_geo` brings `_geoDistance`; the words matched (ranking details, ~0.5 kB a hit)
            // only matter when several words were typed.
            attributesToRetrieve: ["id", "_geo"],
            showRankingScoreDetails: severalWords,
          }
        : {
            page: query.page,
            hitsPerPage: query.pageSize,
            attributesToRetrieve: RETRIEVED_ATTRIBUTES,
            ...(q ? highlightFor(query.locale) : {}),
          }),
    },
    ...active.map((facet) => ({
      ...common,
      filter: filterWithout(facet),
      facets: [FACET_ATTRIBUTES[facet]],
      limit: 0,
    })),
    ...anyDistanceQuery,
  ];

  const { results } = await client.multiSearch<{ queries: MultiSearchQuery[] }, ServiceDocument>({
    queries,
  });
  const responses = results as Array<SearchResponse<ServiceDocument>>;
  const main = responses[0]!;
  const facetResults = responses.slice(1, 1 + active.length);
  const anyDistance = anyDistanceQuery.length > 0 ? responses.at(-1) : undefined;

  const facets: Facets = {};
  const attributeToFacet = Object.fromEntries(
    Object.entries(FACET_ATTRIBUTES).map(([facet, attribute]) => [attribute, facet]),
  ) as Record<string, FacetName>;
  for (const response of [main, ...facetResults]) {
    for (const [attribute, counts] of Object.entries(response.facetDistribution ?? {}))
      facets[attributeToFacet[attribute]!] = counts;
  }
  for (const facet of ALL_FACETS) facets[facet] ??= {};

  const total = main.totalHits ?? main.estimatedTotalHits ?? 0;
  const documents = twoStep
    ? await closestPage(client, indexUid, query, main, geoSort, common)
    : main.hits;
  const hits = documents.map((document) => {
    const hit = documentToHit(document, query.locale, now);
    const meters = (document as { _geoDistance?: number })._geoDistance;
    if (query.near && document._geo && typeof meters === "number")
      hit.distanceMiles = Math.round((meters / METERS_PER_MILE) * 10) / 10;
    const formatted = (document as { _formatted?: unknown })._formatted;
    const through = formatted ? matchedThrough(formatted, q, query.locale) : undefined;
    if (through) hit.matchedThrough = through;
    return hit;
  });
  return {
    hits: query.page === 1 ? acceptingFirst(hits) : hits,
    facets,
    total,
    page: query.page,
    pageSize: query.pageSize,
    totalPages: pageCount(total, query.pageSize),
    engine: "meilisearch",
    ...(anyDistance
      ? { totalAnyDistance: anyDistance.totalHits ?? anyDistance.estimatedTotalHits ?? 0 }
      : {}),
  };
}

/** How the words of a query are matched, for a page of results and for ranked ids alike. */
function wordsMatched(q: string, locale: string) {
  return {
    q,
    // A word that narrows too much is dropped, most frequent first ("help with asylum" still
    // finds asylum services that do not say "help"); results matching every word rank first.
    matchingStrategy: "frequency" as const,
    ...(q ? { locales: queryLocales(q, locale) } : {}),
  };
}

/**
 * "best": after the words matched, services taking new clients, then those speaking the
 * visitor's language, then the nearest; without words or a place, by name.
 */
function bestOrder(q: string, query: Pick<SearchQuery, "near" | "locale">, geoSort: string[]) {
  return q || query.near
    ? ["rankAccepting:desc", `${speaksSortKey(query.locale)}:desc`, ...geoSort]
    : ["sortName:asc"];
}

/**
 * The services matching some words, best first, as ids (from at most `limit` services at
 * locations): the open-data API's `search`. The same matching, order and Postgres fallback as
 * searchServices, without the facets, highlights and documents a page of results carries
 * (a thousand full documents took longer to send than to find).
 */
export async function searchServiceIds(
  db: Database,
  words: { q: string; locale: string; limit: number },
  options: SearchTarget = {},
): Promise<string[]> {
  const q = words.q.trim();
  const query: SearchQuery = {
    q,
    categories: [],
    languages: [],
    populations: [],
    page: 1,
    pageSize: words.limit,
    locale: words.locale,
  };
  type RankedHit = Pick<ServiceDocument, "serviceId" | "acceptingNewClients">;
  let hits: RankedHit[];
  try {
    const client = options.client ?? (await meiliForSearch());
    const { q: text, ...matching } = wordsMatched(q, words.locale);
    const response = await client
      .index<ServiceDocument>(options.indexName ?? servicesIndexName())
      .search<RankedHit>(text, {
        ...matching,
        sort: bestOrder(q, query, []),
        limit: words.limit,
        attributesToRetrieve: ["serviceId", "acceptingNewClients"],
      });
    hits = response.hits;
  } catch (error) {
    if (!isMeiliUnavailable(error) && errorCode(error) !== "index_not_found") throw error;
    hits = (await fallbackGate.run(() => searchWithPostgres(db, query))).hits;
  }
  return [...new Set(acceptingFirst(hits).map((hit) => hit.serviceId))];
}

/** How many matches "closest" orders by distance; deeper results keep the relevance order. */
export const CLOSEST_WINDOW = 1000;

type RankedId = {
  id: string;
  _geoDistance?: number;
  _rankingScoreDetails?: Record<string, { matchingWords?: number; distance?: number }>;
};

/** Meters from the place, from the geo sort's ranking details (`_geoPoint(...)` key). */
function rankedDistance(row: RankedId): number {
  if (typeof row._geoDistance === "number") return row._geoDistance;
  for (const [rule, details] of Object.entries(row._rankingScoreDetails ?? {}))
    if (rule.startsWith("_geoPoint(") && typeof details.distance === "number")
      return details.distance;
  return Number.POSITIVE_INFINITY;
}

/**
 * The page of a "closest" search with words: the matches (ids, words matched, distance) ordered
 * by words matched then distance, as the Postgres fallback does, and the page's documents.
 */
async function closestPage(
  client: Awaited<ReturnType<typeof meiliForSearch>>,
  indexUid: string,
  query: SearchQuery,
  ranked: SearchResponse<ServiceDocument>,
  geoSort: string[],
  common: { q: string; matchingStrategy: "frequency"; locales?: string[] },
): Promise<ServiceDocument[]> {
  const rows = (ranked.hits as unknown as RankedId[]).map((row, index) => ({
    id: row.id,
    words: row._rankingScoreDetails?.words?.matchingWords ?? 0,
    distance: rankedDistance(row),
    index,
  }));
  rows.sort((a, b) => b.words - a.words || a.distance - b.distance || a.index - b.index);
  const start = (query.page - 1) * query.pageSize;
  const ids = rows.slice(start, start + query.pageSize).map((row) => row.id);
  if (ids.length === 0) return [];
  const { hits } = await client.index<ServiceDocument>(indexUid).search(common.q, {
    ...(common.locales ? { locales: common.locales as never } : {}),
    matchingStrategy: common.matchingStrategy,
    filter: `id IN ${list(ids)}`,
    sort: geoSort,
    limit: ids.length,
    attributesToRetrieve: RETRIEVED_ATTRIBUTES,
    ...highlightFor(query.locale),
  });
  const byId = new Map(hits.map((hit) => [hit.id, hit]));
  return ids.flatMap((id) => {
    const hit = byId.get(id);
    return hit ? [hit] : [];
  });
}

const MARK_START = "\u0001";
const MARK_END = "\u0002";
/** The fields whose matches can explain a result, most telling first. */
const EXPLAINING_ATTRIBUTES = [
  "serviceNames",
  "categoryNames",
  "categoryKeywords",
  "alternateNames",
  "organizationName",
  "attributeTerms",
  "serviceDescriptions",
] as const;
/** Plain English words for structured fields (documents.server.ts ATTRIBUTE_TERMS). */
const ENGLISH_ATTRIBUTES = new Set(["attributeTerms"]);
/** Keyed by language, with every category's names and search words in all 12 of them. */
const CATEGORY_ATTRIBUTES = new Set<string>(["categoryNames", "categoryKeywords"]);

/**
 * What "matched through…" reads: names, descriptions and terms in every language; the
 * categories' names and search words only in the visitor's language and English (highlighting
 * every category word in 12 languages was most of a text query's time at 100k services:
 * "asylum" 13 → 8 ms, "green card" 21 → 12 ms).
 */
function highlightFor(locale: string) {
  const categoryLanguages = [...new Set(["en", locale])];
  return {
    attributesToHighlight: EXPLAINING_ATTRIBUTES.flatMap((attribute) =>
      CATEGORY_ATTRIBUTES.has(attribute)
        ? categoryLanguages.map((language) => `${attribute}.${language}`)
        : [attribute],
    ),
    highlightPreTag: MARK_START,
    highlightPostTag: MARK_END,
  };
}

const normalize = (text: string) =>
  text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase("en-US");
const STOP = new Set(STOP_WORDS);

/** Levenshtein distance, stopping early past `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length]!;
}

/** The typed word itself, a prefix of it, or a typo of it (Meilisearch's typo rules). */
function sameWord(matched: string, typed: string): boolean {
  if (matched === typed || matched.startsWith(typed) || typed.startsWith(matched)) return true;
  const typos = typed.length >= 9 ? 2 : typed.length >= 5 ? 1 : 0;
  return typos > 0 && editDistance(matched, typed, typos) <= typos;
}

/**
 * Why a result matched, when none of its matches is a word the visitor typed: the matched
 * text (a synonym, or the word in another language) and its language when known. Reads the
 * highlighted fields Meilisearch returns (`_formatted`).
 */
export function matchedThrough(
  formatted: unknown,
  q: string,
  locale: string,
): SearchHit["matchedThrough"] {
  const typed = normalize(q)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word && !STOP.has(word));
  if (typed.length === 0 || typeof formatted !== "object" || formatted === null) return undefined;
  const matches: Array<{ term: string; lang: string | null; rank: number }> = [];
  const visitor = locale.split("-")[0]!.toLowerCase();
  const walk = (value: unknown, attribute: string, lang: string | null, rank: number) => {
    if (typeof value === "string") {
      const merged = value.replace(new RegExp(`${MARK_END}(\\s*)${MARK_START}`, "g"), "$1");
      for (const found of merged.matchAll(
        new RegExp(`${MARK_START}([^${MARK_END}]*)${MARK_END}`, "g"),
      ))
        matches.push({ term: found[1]!.trim(), lang, rank });
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item, attribute, lang, rank);
    } else if (typeof value === "object" && value !== null) {
      for (const [key, item] of Object.entries(value)) walk(item, attribute, key, rank);
    }
  };
  const fields = formatted as Record<string, unknown>;
  EXPLAINING_ATTRIBUTES.forEach((attribute, rank) =>
    walk(fields[attribute], attribute, ENGLISH_ATTRIBUTES.has(attribute) ? "en" : null, rank),
  );
  const found = matches.filter((match) => match.term !== "");
  if (found.length === 0) return undefined;
  const direct = found.some((match) =>
    normalize(match.term)
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
      .some((word) => typed.some((typedWord) => sameWord(word, typedWord))),
  );
  if (direct) return undefined;
  const inVisitorLanguage = (match: { lang: string | null }) =>
    match.lang !== null && match.lang.split("-")[0]!.toLowerCase() === visitor;
  const [best] = found.sort(
    (a, b) => Number(inVisitorLanguage(b)) - Number(inVisitorLanguage(a)) || a.rank - b.rank,
  );
  return {
    term: best!.term,
    lang: best!.lang && !inVisitorLanguage(best!) ? best!.lang : null,
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
