import { CATEGORY_CODES, CATEGORY_PARENTS, type CategoryCode } from "#db/codes/categories";
import {
  COURTS,
  DELIVERY_METHODS,
  FEE_TYPES,
  POPULATIONS,
  PROVIDER_TYPES,
  isLanguageTag,
} from "#db/codes/directory";
import type { ServiceDocument } from "./documents.server";
import type { SearchQuery } from "./types";

/*
 * THE list of search filters. Everything else derives from it: the URL parameters and their
 * parsing (params.ts), the SearchQuery and facet types (types.ts), the Meilisearch filter
 * expressions and filterable attributes (search.server.ts, settings.server.ts), the Postgres
 * fallback's columns, conditions and facet counts (postgres-search.server.ts), the chips and
 * "remove this filter" links, their labels (labels.ts) and the filter panel (FilterPanel.tsx).
 * tests/integration/search-filters.test.ts runs every filter here on both engines and
 * compares the hits. To add a filter: docs/adding-a-search-filter.md.
 *
 * Isomorphic and small: the filter panel imports it. SQL is named here only as columns of
 * the fallback's table search_documents (db/schema/search.ts), which holds the same fields as
 * the Meilisearch documents; the fallback builds the conditions.
 */

/** Radius choices offered in the form, in miles. */
export const RADIUS_CHOICES = [1, 2, 5, 10, 25, 50] as const;
export const DEFAULT_RADIUS = 10;

/** How chosen values match a document; each engine implements each rule once. */
export type FilterMatch =
  /** The attribute (a list or a single value) holds any of the chosen values. */
  | "anyOf"
  /** A yes/no attribute equals the chosen answer. */
  | "boolean"
  /** BCP-47 tags: "zh-Hant" matches exactly, a bare "zh" matches any tag of that language. */
  | "languageTag"
  /** The service is open at least half of the current hour (New York time): no facet. */
  | "openNow";

/** How the filter panel offers the filter. */
export type FilterControl =
  | { kind: "checkboxes"; legendKey: string }
  | { kind: "radios"; legendKey: string; anyKey: string }
  | { kind: "select"; legendKey: string; anyKey: string }
  /** A checkbox that sends `true`, in the panel's "availability" group. */
  | { kind: "toggle" };

/** How a chosen value is named to the visitor (chips, suggestions, the handout). */
export type FilterLabel =
  /** `vocabulary:<namespace>.<value>` */
  | { vocabulary: string }
  /** One fixed key, `search:<key>` (yes/no filters). */
  | { key: string }
  /** The language's own name in the visitor's language (from the loader). */
  | { languageName: true };

interface FilterDefinition {
  /** Field of SearchQuery. */
  key: string;
  /** URL parameter of /search and /api/search. */
  parameter: string;
  /** Repeatable (a list in SearchQuery) or one value (optional in SearchQuery). */
  many: boolean;
  /** One URL value -> the values it stands for; undefined when unusable (reported as ignored). */
  parse: (raw: string) => Array<string | boolean> | undefined;
  /** Known values, for the panel when the engine gives no counts. */
  values?: readonly string[];
  match: FilterMatch;
  /** Name of its counts in SearchResult.facets (and /api/search); none for openNow. */
  facet?: string;
  /** Meilisearch document attribute (filterable, faceted). */
  attribute: keyof ServiceDocument;
  /** The column of search_documents holding the attribute (the Postgres fallback). */
  column: string;
  /** Whether a document holds a list of values (services offer several) or one. */
  list: boolean;
  /** languageTag only: attribute and column holding the bare language subtags. */
  bases?: { attribute: keyof ServiceDocument; column: string };
  /** `false` is the same as not asking (open_now=false). */
  onlyTrue?: boolean;
  control: FilterControl;
  label: FilterLabel;
}

const TRUE_VALUES = ["true", "1", "on", "yes"];
const FALSE_VALUES = ["false", "0", "off", "no"];
/*
 * Each filter's parser is a plain function, not zod: this table ships to the browser with the
 * search page (links and the filter panel are built from it), and zod alone weighed 12 KiB
 * there. A parser answers the values a raw parameter stands for, or undefined when it is not
 * one of them.
 */
function parseBoolean(raw: string): boolean[] | undefined {
  const value = raw.toLowerCase();
  if (TRUE_VALUES.includes(value)) return [true];
  return FALSE_VALUES.includes(value) ? [false] : undefined;
}

const oneOf =
  <T extends string>(values: readonly T[]) =>
  (raw: string): T[] | undefined =>
    (values as readonly string[]).includes(raw) ? [raw as T] : undefined;

/** Parent codes people may link to ("removal_defense") stand for their children. */
function parseCategory(raw: string): CategoryCode[] | undefined {
  const code = oneOf(CATEGORY_CODES)(raw);
  if (code) return code;
  const children = CATEGORY_CODES.filter((code) => CATEGORY_PARENTS[code] === raw);
  return children.length > 0 ? children : undefined;
}

function parseLanguage(raw: string): string[] | undefined {
  try {
    const [canonical] = Intl.getCanonicalLocales(raw);
    return canonical && isLanguageTag(canonical) ? [canonical] : undefined;
  } catch {
    return undefined;
  }
}

/** In the order of the filter panel (and of the chips and links built from a query). */
export const SEARCH_FILTERS = [
  {
    key: "categories",
    parameter: "category",
    many: true,
    parse: parseCategory,
    values: CATEGORY_CODES,
    match: "anyOf",
    facet: "categories",
    attribute: "categories",
    column: "categories",
    list: true,
    control: { kind: "checkboxes", legendKey: "filters.categories" },
    label: { vocabulary: "category" },
  },
  {
    key: "languages",
    parameter: "language",
    many: true,
    parse: parseLanguage,
    match: "languageTag",
    facet: "languages",
    attribute: "languages",
    column: "languages",
    list: true,
    bases: { attribute: "languageBases", column: "language_bases" },
    control: { kind: "checkboxes", legendKey: "filters.languages" },
    label: { languageName: true },
  },
  {
    key: "accepting",
    parameter: "accepting",
    many: false,
    parse: parseBoolean,
    match: "boolean",
    facet: "accepting",
    attribute: "acceptingNewClients",
    column: "accepting_new_clients",
    list: false,
    control: { kind: "toggle" },
    label: { key: "filters.accepting" },
  },
  {
    key: "openNow",
    parameter: "open_now",
    many: false,
    parse: parseBoolean,
    onlyTrue: true,
    match: "openNow",
    attribute: "open_slots",
    column: "open_hours",
    list: true,
    control: { kind: "toggle" },
    label: { key: "filters.openNow" },
  },
  {
    key: "detained",
    parameter: "detained",
    many: false,
    parse: parseBoolean,
    match: "boolean",
    facet: "detained",
    attribute: "takesDetainedCases",
    column: "takes_detained_cases",
    list: false,
    control: { kind: "toggle" },
    label: { key: "filters.detained" },
  },
  {
    key: "fees",
    parameter: "fees",
    many: false,
    parse: oneOf(FEE_TYPES),
    values: FEE_TYPES,
    match: "anyOf",
    facet: "fees",
    attribute: "fees",
    column: "fees",
    list: false,
    control: { kind: "radios", legendKey: "filters.fees", anyKey: "filters.anyCost" },
    label: { vocabulary: "fees" },
  },
  {
    key: "delivery",
    parameter: "delivery",
    many: false,
    parse: oneOf(DELIVERY_METHODS),
    values: DELIVERY_METHODS,
    match: "anyOf",
    facet: "delivery",
    attribute: "deliveryMethods",
    column: "delivery_methods",
    list: true,
    control: { kind: "radios", legendKey: "filters.delivery", anyKey: "filters.anyDelivery" },
    label: { vocabulary: "delivery" },
  },
  {
    key: "populations",
    parameter: "population",
    many: true,
    parse: oneOf(POPULATIONS),
    values: POPULATIONS,
    match: "anyOf",
    facet: "populations",
    attribute: "populations",
    column: "populations",
    list: true,
    control: { kind: "checkboxes", legendKey: "filters.populations" },
    label: { vocabulary: "population" },
  },
  {
    key: "court",
    parameter: "court",
    many: false,
    parse: oneOf(COURTS),
    values: COURTS,
    match: "anyOf",
    facet: "courts",
    attribute: "courtsServed",
    column: "courts_served",
    list: true,
    control: { kind: "select", legendKey: "filters.court", anyKey: "filters.anyCourt" },
    label: { vocabulary: "court" },
  },
  {
    key: "provider",
    parameter: "provider",
    many: false,
    parse: oneOf(PROVIDER_TYPES),
    values: PROVIDER_TYPES,
    match: "anyOf",
    facet: "providers",
    attribute: "providerTypes",
    column: "provider_types",
    list: true,
    control: { kind: "radios", legendKey: "filters.provider", anyKey: "filters.anyProvider" },
    label: { vocabulary: "provider" },
  },
] as const satisfies readonly FilterDefinition[];

export type SearchFilter = (typeof SEARCH_FILTERS)[number];
export type FilterKey = SearchFilter["key"];
export type FilterParameter = SearchFilter["parameter"];
type ValueOf<F> = F extends { parse: (raw: string) => Array<infer V> | undefined } ? V : never;

/** The filter fields of SearchQuery: lists for repeatable filters, else optional values. */
export type FilterFields = {
  [F in SearchFilter as F["many"] extends true ? F["key"] : never]: ValueOf<F>[];
} & {
  [F in SearchFilter as F["many"] extends true ? never : F["key"]]?: ValueOf<F>;
};

/** Facets that are also filters: their counts ignore their own filter. */
export type FilterFacet = Extract<SearchFilter, { facet: string }>["facet"];
/** Facets counted without being filters. */
export const EXTRA_FACETS = [
  { facet: "county", attribute: "county", column: "county", list: false },
] as const;
export type FacetName = FilterFacet | (typeof EXTRA_FACETS)[number]["facet"];

export const FACETED_FILTERS = SEARCH_FILTERS.filter(
  (definition): definition is Extract<SearchFilter, { facet: string }> => "facet" in definition,
);

/** Every facet the engines count: the faceted filters' own, and the extra ones (county). */
export const ALL_FACETS: FacetName[] = [
  ...FACETED_FILTERS.map((definition) => definition.facet),
  ...EXTRA_FACETS.map((extra) => extra.facet),
];

/** Document attribute behind each facet of SearchResult. */
export const FACET_ATTRIBUTES = Object.fromEntries(
  [...FACETED_FILTERS, ...EXTRA_FACETS].map((entry) => [entry.facet, entry.attribute]),
) as Record<FacetName, string>;

/** The chosen values of one filter, as strings ("true"/"false" for yes/no filters). */
export function chosenValues(query: FilterFields, definition: SearchFilter): string[] {
  const value = (query as Record<string, unknown>)[definition.key];
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

export function isFilterActive(query: FilterFields, definition: SearchFilter): boolean {
  return chosenValues(query, definition).length > 0;
}

export function filterByParameter(parameter: string): SearchFilter | undefined {
  return SEARCH_FILTERS.find((definition) => definition.parameter === parameter);
}

/** The same filters without one value of a filter (or without the filter when no value). */
export function withoutFilterValue<Q extends FilterFields>(
  query: Q,
  definition: SearchFilter,
  value?: string,
): Q {
  const next = { ...query } as Record<string, unknown>;
  if (definition.many && value !== undefined) {
    next[definition.key] = chosenValues(query, definition).filter((item) => item !== value);
  } else if (definition.many) {
    next[definition.key] = [];
  } else {
    delete next[definition.key];
  }
  return next as Q;
}

/** Language filters: "zh-Hant" matches exactly, a bare "zh" matches every Chinese tag. */
export function splitLanguages(languages: readonly string[]): { tags: string[]; bases: string[] } {
  return {
    tags: languages.filter((tag) => tag.includes("-")),
    bases: languages.filter((tag) => !tag.includes("-")),
  };
}

export interface ActiveFilter {
  parameter: FilterParameter;
  value: string;
  /** The same query without this filter, back on page 1. */
  without: SearchQuery;
}

/** Each filter the visitor chose, in the order of the filter panel. */
export function activeFilters(query: SearchQuery): ActiveFilter[] {
  return SEARCH_FILTERS.flatMap((definition) =>
    chosenValues(query, definition).map((value) => ({
      parameter: definition.parameter,
      value,
      without: { ...withoutFilterValue(query, definition, value), page: 1 },
    })),
  );
}

/** The query with no filters at all (keeps the words, the place and the radius). */
export function withoutFilters(query: SearchQuery): SearchQuery {
  return SEARCH_FILTERS.reduce((next, definition) => withoutFilterValue(next, definition), {
    ...query,
    page: 1,
  });
}

/** The next larger radius to suggest when nothing is close enough, if any. */
export function widerRadius(query: SearchQuery): number | undefined {
  if (!query.near || query.radius === undefined) return undefined;
  return RADIUS_CHOICES.find((miles) => miles > query.radius!);
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
