import type { Place } from "~/geo/types";
import {
  DEFAULT_RADIUS,
  RADIUS_CHOICES,
  SEARCH_FILTERS,
  filterByParameter,
  withoutFilterValue,
  type FilterFields,
  type FilterParameter,
} from "~/search/filters";
import type { IgnoredParameter, SearchQuery, SearchSort } from "~/search/types";

/*
 * URL parameters of /search and /api/search <-> SearchQuery. Isomorphic (no server imports):
 * the page builds its links (pagination, "remove this filter") with toSearchParams. The
 * filter parameters come from SEARCH_FILTERS (filters.ts).
 *
 * Nothing here throws on input: a value that cannot be used is left out of the query and
 * reported in `ignored`, so the page can say what it ignored and still answer.
 */

export const SEARCH_PAGE_SIZE = 20;
/** Deeper pages are refused: nobody reads them, and they are the expensive ones. */
export const MAX_PAGE = 500;
export const MAX_QUERY_LENGTH = 200;

export const SEARCH_PARAMETERS = [
  "q",
  "near",
  "radius",
  "sort",
  ...SEARCH_FILTERS.map((definition) => definition.parameter),
  "page",
] as const;
export type SearchParameter = "q" | "near" | "radius" | "sort" | FilterParameter | "page";

/** `radius=any`: no radius at all (the Distance control's "Any distance"). */
export const ANY_DISTANCE = "any";
/** Result orders offered with a place; "best" is the default and stays out of URLs. */
export const SEARCH_SORTS: readonly SearchSort[] = ["best", "closest"];

/** A whole number of at most six digits, else undefined. Plain code, not zod: this module ships
 * to the browser with the search page, and zod alone weighed 12 KiB there. */
const wholeNumber = (raw: string) => (/^[0-9]{1,6}$/.test(raw) ? Number(raw) : undefined);
/** A decimal number ("10", "2.5"), else undefined. */
const decimalNumber = (raw: string) => (/^[0-9]+(\.[0-9]+)?$/.test(raw) ? Number(raw) : undefined);
const coordinatesPattern = /^\s*(-?[0-9]{1,3}(?:\.[0-9]+)?)\s*,\s*(-?[0-9]{1,3}(?:\.[0-9]+)?)\s*$/;

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
    ...(Object.fromEntries(
      SEARCH_FILTERS.filter((definition) => definition.many).map((definition) => [
        definition.key,
        [],
      ]),
    ) as unknown as FilterFields),
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

  // No radius given: the default. "any": no radius. The form always sends one (the Distance
  // control shows the radius in use), so the default or "any" without a place is no mistake.
  const radius = single("radius");
  let anyDistance = false;
  if (radius) {
    const parsed = radius === ANY_DISTANCE ? undefined : decimalNumber(radius);
    if (radius === ANY_DISTANCE) anyDistance = true;
    else if (parsed === undefined) ignore("radius", radius, "invalid_number");
    else if (!(RADIUS_CHOICES as readonly number[]).includes(parsed))
      ignore("radius", radius, "out_of_range");
    else if (!query.near) {
      if (parsed !== DEFAULT_RADIUS) ignore("radius", radius, "needs_near");
    } else query.radius = parsed;
  }
  if (query.near && query.radius === undefined && !anyDistance) query.radius = DEFAULT_RADIUS;

  // Bad values are reported and ignored; "closest" means nothing without a place (the choice
  // is only offered with one), so it is dropped silently there.
  const sort = single("sort");
  if (sort) {
    if (!(SEARCH_SORTS as readonly string[]).includes(sort)) ignore("sort", sort, "unknown_value");
    else if (sort === "closest" && query.near) query.sort = "closest";
  }

  const chosen = query as unknown as Record<string, unknown>;
  for (const definition of SEARCH_FILTERS) {
    // A repeated single-valued parameter: the first non-empty value wins.
    const raws = definition.many ? values(definition.parameter) : [single(definition.parameter)];
    const parsed: Array<string | boolean> = [];
    for (const raw of raws) {
      if (raw === undefined) continue;
      const result = definition.parse(raw);
      if (!result) ignore(definition.parameter, raw, "unknown_value");
      else for (const value of result) if (!parsed.includes(value)) parsed.push(value);
    }
    if (definition.many) chosen[definition.key] = parsed;
    else if (
      parsed.length > 0 &&
      !("onlyTrue" in definition && definition.onlyTrue && parsed[0] === false)
    )
      chosen[definition.key] = parsed[0];
  }

  const page = single("page");
  if (page) {
    const parsed = wholeNumber(page);
    if (parsed === undefined) ignore("page", page, "invalid_number");
    else if (parsed < 1 || parsed > MAX_PAGE) ignore("page", page, "out_of_range");
    else query.page = parsed;
  }

  // Leave out undefined keys: the query object is also what the page serializes.
  for (const key of Object.keys(query) as Array<keyof SearchQuery>)
    if (query[key] === undefined) delete query[key];

  return { query, ignored };
}

/**
 * What the Distance control shows: the radius really used (the default when none was given,
 * "any" for any distance); without a place, what would be used once one is given.
 */
export function radiusControlValue(query: SearchQuery, raw: string | null): string {
  if (query.near) return query.radius === undefined ? ANY_DISTANCE : String(query.radius);
  const chosen = raw?.trim();
  if (chosen === ANY_DISTANCE) return ANY_DISTANCE;
  const parsed = chosen ? decimalNumber(chosen) : undefined;
  return parsed !== undefined && (RADIUS_CHOICES as readonly number[]).includes(parsed)
    ? String(parsed)
    : String(DEFAULT_RADIUS);
}

/** The URL parameters that reproduce a query (for links: pagination, removing a filter). */
export function toSearchParams(query: Partial<SearchQuery>): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.near) {
    params.set("near", query.near.input);
    if (query.radius === undefined) params.set("radius", ANY_DISTANCE);
    else if (query.radius !== DEFAULT_RADIUS) params.set("radius", String(query.radius));
    if (query.sort === "closest") params.set("sort", "closest");
  }
  for (const definition of SEARCH_FILTERS) {
    const value = (query as Record<string, unknown>)[definition.key];
    const chosen = Array.isArray(value) ? value : value === undefined ? [] : [value];
    for (const item of chosen) params.append(definition.parameter, String(item));
  }
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
  switch (parameter) {
    case "q":
      next.q = "";
      break;
    case "near":
      delete next.near;
      delete next.radius;
      delete next.sort;
      break;
    case "sort":
      delete next.sort;
      break;
    case "radius":
      if (next.near) next.radius = DEFAULT_RADIUS;
      break;
    default: {
      const definition = filterByParameter(parameter);
      return definition ? withoutFilterValue(next, definition, value) : next;
    }
  }
  return next;
}
