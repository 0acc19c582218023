import { createHash } from "node:crypto";
import { jsonError } from "~/http/responses.server";
import { SearchBusyError } from "~/search/fallback-gate.server";
import { isLocale, type Locale } from "~/i18n/locales";
import { UUID } from "./ids";

/*
 * The HTTP side of the HSDS API: strict query parameters (a bad or unknown one is a 400 that
 * names it), JSON errors, and the headers of open data (any origin, cacheable, revalidated
 * with ETag / Last-Modified, no cookies). Errors take the shape of every JSON API's
 * (`jsonError` in app/http/responses.server.ts).
 */

export class HsdsError extends Error {
  constructor(
    readonly status: 400 | 404,
    readonly code: "invalid_parameter" | "not_found",
    message: string,
    readonly parameter?: string,
  ) {
    super(message);
  }
}

const badParameter = (parameter: string, message: string) =>
  new HsdsError(400, "invalid_parameter", `${parameter}: ${message}`, parameter);

export const notFound = (what: string) =>
  new HsdsError(404, "not_found", `No ${what} with this id.`);

export const MAX_PER_PAGE = 100;
export const MAX_PER_PAGE_MINIMAL = 10_000;
export const DEFAULT_PER_PAGE = 50;

type Kind = "string" | "boolean" | "integer" | "uuid" | "datetime" | "postcode" | "meters";

/** Parameters of each endpoint (schema/openapi.json), plus Puente's `language`. */
export const PARAMETERS = {
  services: {
    search: "string",
    page: "integer",
    per_page: "integer",
    format: "string",
    taxonomy_term_id: "uuid",
    taxonomy_id: "uuid",
    organization_id: "uuid",
    modified_after: "datetime",
    minimal: "boolean",
    full: "boolean",
    language: "string",
  },
  organizations: {
    search: "string",
    full_service: "boolean",
    full: "boolean",
    page: "integer",
    per_page: "integer",
    format: "string",
    language: "string",
  },
  organization: { full_service: "boolean", language: "string" },
  service_at_locations: {
    search: "string",
    taxonomy_term_id: "uuid",
    taxonomy_id: "uuid",
    organization_id: "uuid",
    modified_after: "datetime",
    full: "boolean",
    page: "integer",
    per_page: "integer",
    format: "string",
    postcode: "postcode",
    proximity: "meters",
    language: "string",
  },
  taxonomies: { search: "string", page: "integer", per_page: "integer", format: "string" },
  taxonomy_terms: {
    search: "string",
    page: "integer",
    per_page: "integer",
    format: "string",
    taxonomy_id: "uuid",
    top_only: "boolean",
    parent_id: "uuid",
    language: "string",
  },
  item: { language: "string" },
} as const satisfies Record<string, Record<string, Kind>>;

type ValueOf<K extends Kind> = K extends "boolean"
  ? boolean
  : K extends "integer" | "meters"
    ? number
    : K extends "datetime"
      ? Date
      : string;
export type Parsed<P extends Record<string, Kind>> = { [Name in keyof P]?: ValueOf<P[Name]> };

function parseValue(name: string, kind: Kind, raw: string): unknown {
  switch (kind) {
    case "string":
      return raw;
    case "boolean":
      if (raw === "true") return true;
      if (raw === "false") return false;
      throw badParameter(name, `must be true or false, got "${raw}"`);
    case "integer":
      if (!/^\d{1,9}$/.test(raw)) throw badParameter(name, `must be a whole number, got "${raw}"`);
      return Number(raw);
    case "meters": {
      const value = Number(raw);
      if (!/^\d+(\.\d+)?$/.test(raw) || !(value > 0) || value > 1_000_000)
        throw badParameter(name, `must be a distance in meters (up to 1000000), got "${raw}"`);
      return value;
    }
    case "uuid":
      if (!UUID.test(raw)) throw badParameter(name, `must be a UUID, got "${raw}"`);
      return raw.toLowerCase();
    case "datetime": {
      const time = /^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(raw)
        ? Date.parse(raw)
        : NaN;
      if (Number.isNaN(time))
        throw badParameter(name, `must be an ISO 8601 date or date-time, got "${raw}"`);
      return new Date(time);
    }
    case "postcode":
      if (!/^\d{5}(-\d{4})?$/.test(raw))
        throw badParameter(name, `must be a US ZIP code, got "${raw}"`);
      return raw.slice(0, 5);
  }
}

export interface CommonOptions {
  page: number;
  perPage: number;
  /** Language of taxonomy term names (default English). */
  locale: Locale;
  /** Language of free text when `language` is given; else each listing's original text. */
  textLocale: Locale | undefined;
}

/** Reads and checks every query parameter; refuses unknown and repeated ones. */
export function parseQuery<P extends Record<string, Kind>>(
  url: URL,
  parameters: P,
  options: { maxPerPage?: number } = {},
): Parsed<P> & CommonOptions {
  const parsed: Record<string, unknown> = {};
  for (const name of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(name);
    const kind = (parameters as Record<string, Kind>)[name];
    if (!kind)
      throw badParameter(
        name,
        `unknown parameter; this endpoint takes ${Object.keys(parameters).join(", ") || "none"}`,
      );
    if (values.length > 1) throw badParameter(name, "given more than once");
    parsed[name] = parseValue(name, kind, values[0]!);
  }
  if (parsed.format !== undefined && parsed.format !== "json")
    throw badParameter("format", `only "json" is supported, got "${String(parsed.format)}"`);
  const language = parsed.language as string | undefined;
  if (language !== undefined && !isLocale(language))
    throw badParameter(
      "language",
      `must be one of Puente's interface languages, got "${language}"`,
    );
  const maxPerPage = options.maxPerPage ?? MAX_PER_PAGE;
  const perPage = (parsed.per_page as number | undefined) ?? Math.min(DEFAULT_PER_PAGE, maxPerPage);
  if (perPage < 1 || perPage > maxPerPage)
    throw badParameter("per_page", `must be between 1 and ${maxPerPage}, got ${perPage}`);
  const page = (parsed.page as number | undefined) ?? 1;
  if (page < 1) throw badParameter("page", `must be 1 or more, got ${page}`);
  return {
    ...(parsed as Parsed<P>),
    page,
    perPage,
    locale: (language as Locale | undefined) ?? "en",
    textLocale: language as Locale | undefined,
  };
}

const OPEN_DATA_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Cache-Control": "public, max-age=300",
  Vary: "Accept-Encoding",
};

/**
 * A JSON answer with an ETag over its bytes, answered with 304 when the client already has it.
 * `lastModified` (a single record's) also allows If-Modified-Since; lists send no
 * Last-Modified, since an item leaving a list changes it without changing any item's time.
 */
export function hsdsJson(request: Request, body: unknown, lastModified?: Date): Response {
  const text = JSON.stringify(body);
  const etag = `"${createHash("sha256").update(text).digest("base64url").slice(0, 27)}"`;
  const headers = new Headers({ ...OPEN_DATA_HEADERS, ETag: etag });
  const modified = lastModified && new Date(Math.floor(lastModified.getTime() / 1000) * 1000);
  if (modified) headers.set("Last-Modified", modified.toUTCString());
  const ifNoneMatch = request.headers.get("If-None-Match");
  const ifModifiedSince = request.headers.get("If-Modified-Since");
  const fresh = ifNoneMatch
    ? ifNoneMatch
        .split(",")
        .map((tag) => tag.trim().replace(/^W\//, ""))
        .some((tag) => tag === etag || tag === "*")
    : !!modified &&
      !!ifModifiedSince &&
      !Number.isNaN(Date.parse(ifModifiedSince)) &&
      modified.getTime() <= Date.parse(ifModifiedSince);
  if (fresh) return new Response(null, { status: 304, headers });
  headers.set("Content-Type", "application/json; charset=utf-8");
  return new Response(text, { status: 200, headers });
}

/**
 * Runs an endpoint; a refusal becomes the JSON APIs' one error answer (`jsonError`: error,
 * message, parameters), still open to any origin and never cached.
 */
export async function hsdsEndpoint(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof SearchBusyError) {
      const busy = jsonError(503, "search_busy", "Search is busy; try again in a few seconds.");
      busy.headers.set("Access-Control-Allow-Origin", "*");
      busy.headers.set("Retry-After", "5");
      return busy;
    }
    if (!(error instanceof HsdsError)) throw error;
    const problems = error.parameter ? [{ parameter: error.parameter, reason: error.message }] : [];
    const response = jsonError(error.status, error.code, error.message, problems);
    response.headers.set("Access-Control-Allow-Origin", "*");
    return response;
  }
}

export function page<T>(contents: T[], total: number, pageNumber: number, perPage: number) {
  const totalPages = Math.ceil(total / perPage);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: pageNumber,
    size: contents.length,
    first_page: pageNumber === 1,
    last_page: pageNumber >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}
