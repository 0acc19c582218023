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

/** A hit as the page shows it: long text clipped, dates, distances and hours already formatted. */
export interface HitView extends Omit<SearchHit, "hours"> {
  display: {
    distance: string | null;
    /** Null when closed today; see `hasHours`. */
    hoursToday: string | null;
    hasHours: boolean;
    week: { days: string; hours: string }[];
    lastVerified: string | null;
  };
}

export interface SearchPage {
  result: Omit<SearchResult, "hits"> & { hits: HitView[] };
  /** Only when there are no results. */
  suggestions: Suggestion[];
  /** Languages of the facets and hits, named in the visitor's language. */
  languageNames: Record<string, string>;
  /** Languages of untranslated descriptions and of matches, named for use in a sentence. */
  inlineLanguageNames: Record<string, string>;
  /** With a radius: how many more results there are farther away (0 when none). */
  fartherAway: number;
  /** For the printed handout. */
  printedOn: string;
}
