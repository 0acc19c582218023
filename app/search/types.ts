import type { CountyCode } from "#db/codes/counties";
import type { Court, DeliveryMethod, FeeType, Population, ProviderType } from "#db/codes/directory";
import type { CategoryCode } from "#db/codes/categories";
import type { FacetName, FilterFields } from "./filters";

export type { FacetName } from "./filters";

/**
 * The contract between the search page, the JSON API and the two engines (Meilisearch, and the
 * Postgres fallback). URL parameters are parsed into SearchQuery by app/search/params.ts;
 * both engines answer with SearchResult.
 */
export interface SearchQuery extends FilterFields {
  q: string;
  /** Resolved `near`: a ZIP code or NY place name, already geocoded offline. */
  near?: {
    input: string;
    label: string;
    latitude: number;
    longitude: number;
    county?: CountyCode;
    /** "coordinates": "use my location" (rounded to 2 decimals, ~1 km); label is then "lat,lng". */
    kind?: "zip" | "place" | "coordinates";
  };
  /** Miles; only meaningful with `near`. With `near` and no radius: any distance. */
  radius?: number;
  /**
   * Order of results. "best" (the default): text relevance first, then services that take new
   * clients and speak the visitor's language, then distance. "closest": distance first (among
   * results matching as many words), only with `near`.
   */
  sort?: SearchSort;
  // The filters (categories, languages, fees, ...) come from SEARCH_FILTERS (filters.ts).
  page: number;
  pageSize: number;
  /** Interface language: translated names and localized matching. */
  locale: string;
}

export type SearchSort = "best" | "closest";

/** A parameter that was ignored, with why (shown to the visitor, returned by the API). */
export interface IgnoredParameter {
  parameter: string;
  value: string;
  reason:
    | "unknown_value"
    | "invalid_number"
    | "out_of_range"
    | "place_not_found"
    | "unknown_parameter"
    | "needs_near";
}

export interface WeeklyHours {
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  opensAt: string; // "09:00"
  closesAt: string; // "17:00"
}

export interface SearchHit {
  /** One document per service at a location (`${serviceId}__${locationId}`), or per remote service (`${serviceId}`). */
  id: string;
  serviceId: string;
  locationId: string | null;
  /** In the visitor's language when a translation exists, else the original (see textLanguage). */
  serviceName: string;
  serviceDescription: string;
  /** BCP-47 language of serviceDescription: differs from the visitor's locale when shown untranslated. */
  textLanguage: string;
  organizationName: string;
  organizationId: string;
  organizationSlug: string;
  categories: CategoryCode[];
  languages: string[];
  fees: FeeType;
  acceptingNewClients: boolean;
  takesDetainedCases: boolean;
  deliveryMethods: DeliveryMethod[];
  populations: Population[];
  courtsServed: Court[];
  providerTypes: ProviderType[];
  /** Null for confidential locations ("call for the address") and remote-only services. */
  address: { line1: string; line2: string | null; city: string; postalCode: string } | null;
  confidentialLocation: boolean;
  county: CountyCode | null;
  geo: { lat: number; lng: number } | null;
  /** `tel` is the number for a `tel:` link, without the scheme: "+12125551234" or "+12125551234;ext=12". */
  phone: { number: string; tel: string } | null;
  hours: WeeklyHours[];
  /** The IANA zone `hours` are kept in: "today" and "open now" are days and hours there. */
  timeZone: string;
  /** ISO date (YYYY-MM-DD) a person last confirmed the listing. */
  lastVerified: string | null;
  /** True when lastVerified is missing or older than COALITION_STALE_DAYS (isListingStale). */
  stale: boolean;
  /** Only with `near`, and only for hits with a position (confidential and remote ones have none). */
  distanceMiles?: number;
  /**
   * Why this result matched when none of the words typed appear in it as typed: the word it
   * matched through a synonym or another language, and that language (BCP-47) when it is not
   * the visitor's. Meilisearch only.
   */
  matchedThrough?: { term: string; lang: string | null };
}

export type Facets = Partial<Record<FacetName, Record<string, number>>>;

export interface SearchResult {
  hits: SearchHit[];
  facets: Facets;
  total: number;
  page: number;
  pageSize: number;
  totalPages: number;
  engine: "meilisearch" | "postgres";
  /** With a place and a radius: how many results there would be at any distance. */
  totalAnyDistance?: number;
}
