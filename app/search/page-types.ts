import type { FilterParameter } from "./filters";
import type { SearchHit, SearchQuery, SearchResult } from "./types";

/* What the search page's loader hands to the page (built by search-page.server.ts). */

/** A way out of zero results, with how many services it would show. */
export type Suggestion =
  | {
      kind: "removeFilter";
      parameter: FilterParameter;
      value: string;
      query: SearchQuery;
      total: number;
    }
  | { kind: "removeAllFilters"; query: SearchQuery; total: number }
  | { kind: "removeWords"; words: string; query: SearchQuery; total: number }
  | { kind: "widenRadius"; radius: number; query: SearchQuery; total: number }
  | { kind: "remote"; query: SearchQuery; total: number };

/**
 * A hit as the page shows it: long text clipped, dates, distances, hours and names already
 * formatted, and only the fields the page reads (less HTML: the loader data is in the page).
 */
export interface HitView extends Pick<
  SearchHit,
  | "id"
  | "serviceId"
  | "serviceName"
  | "serviceDescription"
  | "textLanguage"
  | "organizationName"
  | "organizationSlug"
  | "acceptingNewClients"
  | "takesDetainedCases"
  | "address"
  | "geo"
  | "phone"
  | "stale"
> {
  /**
   * Texts formatted on the server (less JavaScript on the phone). Data that may be in another
   * script than the page's (distances, hours, language names, the address) is wrapped in
   * Unicode isolates (FSI … PDI) or shown in a <bdi>, so Arabic and Urdu pages keep its order.
   */
  display: {
    distance: string | null;
    /** Today's hours, "Closed today" or "Call for hours". */
    hoursToday: string;
    /** "Mon – Fri: 9:00 AM – 5:00 PM; Sat: …" (printed), or "Call for hours". */
    week: string;
    /** The date a person last confirmed the listing, or "Never confirmed". */
    lastVerified: string;
    /** One line: street, city and ZIP code; null without an address. */
    address: string | null;
    /** Without an address: "Call for the address", or how the service is given ("By phone"). */
    where: string | null;
    /** The service's languages, named in the visitor's language. */
    languages: string;
    /** "(in English)" when the description is not in the visitor's language. */
    descriptionNote: string | null;
    /** Cost ("Free"), new clients ("Accepting new clients"), category names. */
    fees: string;
    newClients: string;
    categories: string[];
    /** Why it matched, when through a synonym or another language: 'Found through “asylum” (in English)'. */
    matched: string | null;
  };
}

export interface SearchPage {
  result: Omit<SearchResult, "hits"> & { hits: HitView[] };
  /** Only when there are no results. */
  suggestions: Suggestion[];
  /** Languages of the facets and hits, named in the visitor's language. */
  languageNames: Record<string, string>;
  /** With a radius: how many more results there are farther away (0 when none). */
  fartherAway: number;
  /** For the printed handout. */
  printedOn: string;
}
