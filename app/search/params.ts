import { z } from "zod";
import { CATEGORY_CODES, CATEGORY_PARENTS, type CategoryCode } from "#db/codes/categories";
import {
  COURTS,
  DELIVERY_METHODS,
  FEE_TYPES,
  POPULATIONS,
  PROVIDER_TYPES,
  isLanguageTag,
} from "#db/codes/directory";
import type { Place } from "~/geo/types";
import type { IgnoredParameter, SearchQuery } from "~/search/types";

/*
 * URL parameters of /search and /api/search <-> SearchQuery. Isomorphic (no server imports):
 * the page builds its links (pagination, "remove this filter") with toSearchParams.
 *
 * Nothing here throws on input: a value that cannot be used is left out of the query and
 * reported in `ignored`, so the page can say what it ignored and still answer.
 */

export const SEARCH_PAGE_SIZE = 20;
export const RADIUS_CHOICES = [1, 2, 5, 10, 25, 50] as const;
export const DEFAULT_RADIUS = 10;
/** Deeper pages are refused: nobody reads them, and they are the expensive ones. */
export const MAX_PAGE = 500;
export const MAX_QUERY_LENGTH = 200;

export const SEARCH_PARAMETERS = [
  "q",
  "near",
  "radius",
  "category",
  "language",
  "fees",
  "accepting",
  "detained",
  "delivery",
  "population",
  "court",
  "provider",
  "open_now",
  "page",
] as const;
export type SearchParameter = (typeof SEARCH_PARAMETERS)[number];

const TRUE_VALUES = ["true", "1", "on", "yes"];
const FALSE_VALUES = ["false", "0", "off", "no"];
const booleanSchema = z
  .string()
  .transform((value) => value.toLowerCase())
  .pipe(z.enum([...TRUE_VALUES, ...FALSE_VALUES] as [string, ...string[]]))
  .transform((value) => TRUE_VALUES.includes(value));

const integerSchema = z
  .string()
  .regex(/^[0-9]{1,6}$/)
  .transform(Number);
const coordinatesPattern = /^\s*(-?[0-9]{1,3}(?:\.[0-9]+)?)\s*,\s*(-?[0-9]{1,3}(?:\.[0-9]+)?)\s*$/;

const enumSchemas = {
  fees: z.enum(FEE_TYPES),
  delivery: z.enum(DELIVERY_METHODS),
  population: z.enum(POPULATIONS),
  court: z.enum(COURTS),
  provider: z.enum(PROVIDER_TYPES),
  category: z.enum(CATEGORY_CODES),
};

/** Parent codes people may link to ("removal_defense") stand for their children. */
function expandCategory(value: string): CategoryCode[] | undefined {
  const parsed = enumSchemas.category.safeParse(value);
  if (parsed.success) return [parsed.data];
  const children = CATEGORY_CODES.filter((code) => CATEGORY_PARENTS[code] === value);
  return children.length > 0 ? children : undefined;
}

function canonicalLanguage(value: string): string | undefined {
  try {
    const [canonical] = Intl.getCanonicalLocales(value);
    return canonical && isLanguageTag(canonical) ? canonical : undefined;
  } catch {
    return undefined;
  }
}

const round2 = (value: number) => Math.round(value * 100) / 100;

export interface ParseSearchOptions {
  locale: string;
  resolvePlace: (input: string) => Place | undefined;
  /** Parameters the page uses for itself (e.g. "view"): accepted silently. */
  allowParameters?: readonly string[];
  pageSize?: number;
}

export function parseSearchParams(
  params: URLSearchParams,
  options: ParseSearchOptions,
): { query: SearchQuery; ignored: IgnoredParameter[] } {
  const ignored: IgnoredParameter[] = [];
  const ignore = (parameter: string, value: string, reason: IgnoredParameter["reason"]) =>
    ignored.push({ parameter, value, reason });

  const query: SearchQuery = {
    q: "",
    categories: [],
    languages: [],
    populations: [],
    page: 1,
    pageSize: options.pageSize ?? SEARCH_PAGE_SIZE,
    locale: options.locale,
  };

  // Forms send empty fields for untouched inputs: those mean "not given", not "bad".
  const values = (name: SearchParameter) =>
    params
      .getAll(name)
      .map((value) => value.trim())
      .filter((value) => value !== "");
  const single = (name: SearchParameter) => values(name)[0];

  const allowed = new Set<string>([...SEARCH_PARAMETERS, ...(options.allowParameters ?? [])]);
  // A repeated single-valued parameter: the first non-empty value wins.
  for (const [name, value] of params)
    if (!allowed.has(name)) ignore(name, value, "unknown_parameter");

  const q = single("q");
  if (q) query.q = q.replace(/\s+/g, " ").slice(0, MAX_QUERY_LENGTH);

  const near = single("near");
  if (near) {
    const coordinates = coordinatesPattern.exec(near);
    if (coordinates) {
      const latitude = round2(Number(coordinates[1]));
      const longitude = round2(Number(coordinates[2]));
      if (Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180) {
        // Rounded to ~1 km: the server never sees (or links) a precise position.
        const rounded = `${latitude.toFixed(2)},${longitude.toFixed(2)}`;
        query.near = { input: rounded, label: rounded, latitude, longitude, kind: "coordinates" };
      } else ignore("near", near, "out_of_range");
    } else {
      const place = options.resolvePlace(near);
      if (place) {
        query.near = {
          input: near,
          label: place.label,
          latitude: place.latitude,
          longitude: place.longitude,
          county: place.county,
          kind: place.kind,
        };
      } else ignore("near", near, "place_not_found");
    }
  }

  const radius = single("radius");
  if (radius) {
    const parsed = z
      .string()
      .regex(/^[0-9]+(\.[0-9]+)?$/)
      .transform(Number)
      .safeParse(radius);
    if (!parsed.success) ignore("radius", radius, "invalid_number");
    else if (!(RADIUS_CHOICES as readonly number[]).includes(parsed.data))
      ignore("radius", radius, "out_of_range");
    else if (!query.near) ignore("radius", radius, "needs_near");
    else query.radius = parsed.data;
  }
  if (query.near && query.radius === undefined) query.radius = DEFAULT_RADIUS;

  for (const value of values("category")) {
    const codes = expandCategory(value);
    if (!codes) ignore("category", value, "unknown_value");
    else
      for (const code of codes) if (!query.categories.includes(code)) query.categories.push(code);
  }

  for (const value of values("language")) {
    const tag = canonicalLanguage(value);
    if (!tag) ignore("language", value, "unknown_value");
    else if (!query.languages.includes(tag)) query.languages.push(tag);
  }

  for (const value of values("population")) {
    const parsed = enumSchemas.population.safeParse(value);
    if (!parsed.success) ignore("population", value, "unknown_value");
    else if (!query.populations.includes(parsed.data)) query.populations.push(parsed.data);
  }

  const enumParameter = <K extends "fees" | "delivery" | "court" | "provider">(name: K) => {
    const value = single(name);
    if (!value) return undefined;
    const parsed = enumSchemas[name].safeParse(value);
    if (!parsed.success) ignore(name, value, "unknown_value");
    return parsed.success ? (parsed.data as z.infer<(typeof enumSchemas)[K]>) : undefined;
  };
  query.fees = enumParameter("fees");
  query.delivery = enumParameter("delivery");
  query.court = enumParameter("court");
  query.provider = enumParameter("provider");

  const booleanParameter = (name: SearchParameter) => {
    const value = single(name);
    if (!value) return undefined;
    const parsed = booleanSchema.safeParse(value);
    if (!parsed.success) ignore(name, value, "unknown_value");
    return parsed.success ? parsed.data : undefined;
  };
  query.accepting = booleanParameter("accepting");
  query.detained = booleanParameter("detained");
  // "open_now=false" is the same as not asking.
  query.openNow = booleanParameter("open_now") || undefined;

  const page = single("page");
  if (page) {
    const parsed = integerSchema.safeParse(page);
    if (!parsed.success) ignore("page", page, "invalid_number");
    else if (parsed.data < 1 || parsed.data > MAX_PAGE) ignore("page", page, "out_of_range");
    else query.page = parsed.data;
  }

  // Leave out undefined keys: the query object is also what the page serializes.
  for (const key of Object.keys(query) as Array<keyof SearchQuery>)
    if (query[key] === undefined) delete query[key];

  return { query, ignored };
}

/** The URL parameters that reproduce a query (for links: pagination, removing a filter). */
export function toSearchParams(query: Partial<SearchQuery>): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.near) {
    params.set("near", query.near.input);
    if (query.radius !== undefined && query.radius !== DEFAULT_RADIUS)
      params.set("radius", String(query.radius));
  }
  for (const code of query.categories ?? []) params.append("category", code);
  for (const tag of query.languages ?? []) params.append("language", tag);
  if (query.fees) params.set("fees", query.fees);
  if (query.accepting !== undefined) params.set("accepting", String(query.accepting));
  if (query.detained !== undefined) params.set("detained", String(query.detained));
  if (query.delivery) params.set("delivery", query.delivery);
  for (const population of query.populations ?? []) params.append("population", population);
  if (query.court) params.set("court", query.court);
  if (query.provider) params.set("provider", query.provider);
  if (query.openNow) params.set("open_now", "true");
  if (query.page && query.page > 1) params.set("page", String(query.page));
  return params;
}

/**
 * The same query without one filter (or one value of a repeatable filter), back on page 1:
 * for "remove this filter" links and zero-result suggestions.
 */
export function withoutFilter(
  query: SearchQuery,
  parameter: Exclude<SearchParameter, "page">,
  value?: string,
): SearchQuery {
  const next: SearchQuery = { ...query, page: 1 };
  const drop = <T extends string>(list: T[]) =>
    value === undefined ? [] : list.filter((item) => item !== value);
  switch (parameter) {
    case "q":
      next.q = "";
      break;
    case "near":
      delete next.near;
      delete next.radius;
      break;
    case "radius":
      if (next.near) next.radius = DEFAULT_RADIUS;
      break;
    case "category":
      next.categories = drop(query.categories);
      break;
    case "language":
      next.languages = drop(query.languages);
      break;
    case "population":
      next.populations = drop(query.populations);
      break;
    case "open_now":
      delete next.openNow;
      break;
    default:
      delete next[parameter];
  }
  return next;
}
