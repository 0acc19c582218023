import type { SearchQuery } from "./types";

/**
 * What the search page needs to know about the filters of a query, shared by the page (chips
 * that remove one filter) and the server (zero-result suggestions): pure, no imports that
 * would grow the client bundle.
 */

/** Radius choices offered in the form, in miles. */
export const RADIUS_OPTIONS = [1, 2, 5, 10, 25, 50] as const;

export type FilterParameter =
  | "category"
  | "language"
  | "population"
  | "fees"
  | "accepting"
  | "detained"
  | "delivery"
  | "court"
  | "provider"
  | "open_now";

export interface ActiveFilter {
  parameter: FilterParameter;
  value: string;
  /** The same query without this filter, back on page 1. */
  without: SearchQuery;
}

/** Each filter the visitor chose, in the order of the filter panel. */
export function activeFilters(query: SearchQuery): ActiveFilter[] {
  const base: SearchQuery = { ...query, page: 1 };
  const filters: ActiveFilter[] = [];
  for (const value of query.categories) {
    filters.push({
      parameter: "category",
      value,
      without: { ...base, categories: query.categories.filter((code) => code !== value) },
    });
  }
  for (const value of query.languages) {
    filters.push({
      parameter: "language",
      value,
      without: { ...base, languages: query.languages.filter((code) => code !== value) },
    });
  }
  if (query.fees)
    filters.push({ parameter: "fees", value: query.fees, without: { ...base, fees: undefined } });
  if (query.accepting) {
    filters.push({
      parameter: "accepting",
      value: "true",
      without: { ...base, accepting: undefined },
    });
  }
  if (query.openNow) {
    filters.push({
      parameter: "open_now",
      value: "true",
      without: { ...base, openNow: undefined },
    });
  }
  if (query.detained) {
    filters.push({
      parameter: "detained",
      value: "true",
      without: { ...base, detained: undefined },
    });
  }
  if (query.delivery) {
    filters.push({
      parameter: "delivery",
      value: query.delivery,
      without: { ...base, delivery: undefined },
    });
  }
  for (const value of query.populations) {
    filters.push({
      parameter: "population",
      value,
      without: { ...base, populations: query.populations.filter((code) => code !== value) },
    });
  }
  if (query.court)
    filters.push({
      parameter: "court",
      value: query.court,
      without: { ...base, court: undefined },
    });
  if (query.provider) {
    filters.push({
      parameter: "provider",
      value: query.provider,
      without: { ...base, provider: undefined },
    });
  }
  return filters;
}

/** The query with no filters at all (keeps the words, the place and the radius). */
export function withoutFilters(query: SearchQuery): SearchQuery {
  return {
    ...query,
    categories: [],
    languages: [],
    populations: [],
    fees: undefined,
    accepting: undefined,
    detained: undefined,
    delivery: undefined,
    court: undefined,
    provider: undefined,
    openNow: undefined,
    page: 1,
  };
}

/** The next larger radius to suggest when nothing is close enough, if any. */
export function widerRadius(query: SearchQuery): number | undefined {
  if (!query.near || query.radius === undefined) return undefined;
  return RADIUS_OPTIONS.find((miles) => miles > query.radius!);
}

/**
 * Services anyone can use from anywhere: same need and languages, by video or online, no place.
 */
export function remoteServicesQuery(query: SearchQuery): SearchQuery {
  return {
    ...withoutFilters(query),
    categories: query.categories,
    languages: query.languages,
    near: undefined,
    radius: undefined,
    delivery: "remote",
  };
}
