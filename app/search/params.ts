// placeholder, replaced at merge (the search branch owns URL parsing and validation).
import type { Place } from "~/geo/types";
import { isCategoryCode, type CategoryCode } from "~/directory/taxonomy";
import {
  COURTS,
  DELIVERY_METHODS,
  FEE_TYPES,
  isLanguageTag,
  POPULATIONS,
  PROVIDER_TYPES,
  type Population,
} from "~/directory/vocabulary";
import type { IgnoredParameter, SearchQuery } from "./types";

const KNOWN = new Set([
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
]);

function oneOf<T extends string>(list: readonly T[], value: string): T | undefined {
  return (list as readonly string[]).includes(value) ? (value as T) : undefined;
}

export function parseSearchParams(
  params: URLSearchParams,
  options: { locale: string; resolvePlace: (input: string) => Place | undefined },
): { query: SearchQuery; ignored: IgnoredParameter[] } {
  const ignored: IgnoredParameter[] = [];
  const query: SearchQuery = {
    q: (params.get("q") ?? "").trim(),
    categories: [],
    languages: [],
    populations: [],
    page: 1,
    pageSize: 10,
    locale: options.locale,
  };
  for (const [parameter, value] of params) {
    if (!KNOWN.has(parameter)) ignored.push({ parameter, value, reason: "unknown_parameter" });
  }
  const nearInput = (params.get("near") ?? "").trim();
  if (nearInput) {
    const place = options.resolvePlace(nearInput);
    if (place) query.near = { input: nearInput, ...place };
    else ignored.push({ parameter: "near", value: nearInput, reason: "place_not_found" });
  }
  const radius = params.get("radius");
  if (radius) {
    const miles = Number(radius);
    if (!Number.isFinite(miles))
      ignored.push({ parameter: "radius", value: radius, reason: "invalid_number" });
    else if (miles <= 0 || miles > 100)
      ignored.push({ parameter: "radius", value: radius, reason: "out_of_range" });
    else if (!query.near)
      ignored.push({ parameter: "radius", value: radius, reason: "needs_near" });
    else query.radius = miles;
  }
  for (const value of params.getAll("category")) {
    if (isCategoryCode(value)) query.categories.push(value as CategoryCode);
    else ignored.push({ parameter: "category", value, reason: "unknown_value" });
  }
  for (const value of params.getAll("language")) {
    if (isLanguageTag(value)) query.languages.push(value);
    else ignored.push({ parameter: "language", value, reason: "unknown_value" });
  }
  for (const value of params.getAll("population")) {
    const population = oneOf(POPULATIONS, value);
    if (population) query.populations.push(population as Population);
    else ignored.push({ parameter: "population", value, reason: "unknown_value" });
  }
  const single = [
    ["fees", FEE_TYPES],
    ["delivery", DELIVERY_METHODS],
    ["court", COURTS],
    ["provider", PROVIDER_TYPES],
  ] as const;
  for (const [parameter, list] of single) {
    const value = params.get(parameter);
    if (!value) continue;
    const known = oneOf(list as readonly string[], value);
    if (!known) ignored.push({ parameter, value, reason: "unknown_value" });
    else if (parameter === "fees") query.fees = known as SearchQuery["fees"];
    else if (parameter === "delivery") query.delivery = known as SearchQuery["delivery"];
    else if (parameter === "court") query.court = known as SearchQuery["court"];
    else query.provider = known as SearchQuery["provider"];
  }
  for (const [parameter, key] of [
    ["accepting", "accepting"],
    ["detained", "detained"],
    ["open_now", "openNow"],
  ] as const) {
    const value = params.get(parameter);
    if (!value) continue;
    if (value === "true") query[key] = true;
    else ignored.push({ parameter, value, reason: "unknown_value" });
  }
  const page = params.get("page");
  if (page) {
    const number = Number(page);
    if (Number.isInteger(number) && number >= 1) query.page = number;
    else ignored.push({ parameter: "page", value: page, reason: "invalid_number" });
  }
  return { query, ignored };
}

export function toSearchParams(query: SearchQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.near) params.set("near", query.near.input);
  if (query.near && query.radius !== undefined) params.set("radius", String(query.radius));
  for (const code of query.categories) params.append("category", code);
  for (const code of query.languages) params.append("language", code);
  if (query.fees) params.set("fees", query.fees);
  if (query.accepting) params.set("accepting", "true");
  if (query.detained) params.set("detained", "true");
  if (query.delivery) params.set("delivery", query.delivery);
  for (const code of query.populations) params.append("population", code);
  if (query.court) params.set("court", query.court);
  if (query.provider) params.set("provider", query.provider);
  if (query.openNow) params.set("open_now", "true");
  if (query.page > 1) params.set("page", String(query.page));
  return params;
}
