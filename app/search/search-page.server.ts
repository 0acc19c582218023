import { coalitionToday } from "~/coalition.server";
import type { Database } from "~/db.server";
import { COMMON_SERVICE_LANGUAGES } from "#db/codes/directory";
import { formatDate, formatMiles, hoursOn, languageNames, weeklyHours } from "~/i18n/format";
import { activeFilters, remoteServicesQuery, widerRadius, withoutFilters } from "./filters";
import { searchServices } from "./search.server";
import type { HitView, SearchPage, Suggestion } from "./page-types";
import type { SearchQuery } from "./types";

const DESCRIPTION_LENGTH = 220;
const MAX_FILTER_SUGGESTIONS = 3;
/** Each suggestion costs one search; keep the zero-results page fast on a large filter set. */
const MAX_FILTERS_TRIED = 8;

function clip(text: string): string {
  if (text.length <= DESCRIPTION_LENGTH) return text;
  const cut = text.slice(0, DESCRIPTION_LENGTH);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), DESCRIPTION_LENGTH - 30)).trimEnd()}…`;
}

async function countFor(db: Database, query: SearchQuery): Promise<number> {
  const result = await searchServices(db, { ...query, page: 1, pageSize: 1 });
  return result.total;
}

/**
 * Zero results never strand anyone: try taking away each filter (the one whose removal helps
 * most is the narrowest), the words, a wider radius, and services available remotely.
 */
async function suggestionsFor(db: Database, query: SearchQuery): Promise<Suggestion[]> {
  const filters = activeFilters(query).slice(0, MAX_FILTERS_TRIED);
  const radius = widerRadius(query);
  const remote = remoteServicesQuery(query);
  const noWords = { ...query, q: "", page: 1 };
  const noFilters = withoutFilters(query);
  const [filterTotals, wordsTotal, radiusTotal, remoteTotal, allFiltersTotal] = await Promise.all([
    Promise.all(filters.map((filter) => countFor(db, filter.without))),
    query.q ? countFor(db, noWords) : Promise.resolve(0),
    radius ? countFor(db, { ...query, radius, page: 1 }) : Promise.resolve(0),
    countFor(db, remote),
    filters.length > 1 ? countFor(db, noFilters) : Promise.resolve(0),
  ]);

  const suggestions: Suggestion[] = filters
    .map((filter, index) => ({
      kind: "removeFilter" as const,
      parameter: filter.parameter,
      value: filter.value,
      query: filter.without,
      total: filterTotals[index] ?? 0,
    }))
    .filter((suggestion) => suggestion.total > 0)
    .sort((a, b) => b.total - a.total)
    .slice(0, MAX_FILTER_SUGGESTIONS);
  if (suggestions.length === 0 && allFiltersTotal > 0) {
    suggestions.push({ kind: "removeAllFilters", query: noFilters, total: allFiltersTotal });
  }
  if (radius && radiusTotal > 0) {
    suggestions.push({
      kind: "widenRadius",
      radius,
      query: { ...query, radius, page: 1 },
      total: radiusTotal,
    });
  }
  if (query.q && wordsTotal > 0) {
    suggestions.push({ kind: "removeWords", words: query.q, query: noWords, total: wordsTotal });
  }
  if (remoteTotal > 0 && (query.near || query.delivery !== "remote")) {
    suggestions.push({ kind: "remote", query: remote, total: remoteTotal });
  }
  return suggestions;
}

/** Everything the search page renders for one query. */
export async function loadSearchPage(
  db: Database,
  query: SearchQuery,
  options: { intl: string; now?: Date },
): Promise<SearchPage> {
  const { intl } = options;
  const today = coalitionToday(options.now);
  const result = await searchServices(db, query);
  const suggestions = result.total === 0 ? await suggestionsFor(db, query) : [];

  const languages = new Set<string>([
    // Without language counts (an engine that gives none) the filter offers the common ones.
    ...(result.facets.languages ? Object.keys(result.facets.languages) : COMMON_SERVICE_LANGUAGES),
    ...query.languages,
    ...result.hits.flatMap((hit) => hit.languages),
  ]);

  const hits = result.hits.map(({ hours, ...hit }): HitView => ({
    ...hit,
    serviceDescription: clip(hit.serviceDescription),
    display: {
      distance: hit.distanceMiles === undefined ? null : formatMiles(hit.distanceMiles, intl),
      hoursToday: hoursOn(hours, today.weekday, intl),
      hasHours: hours.length > 0,
      week: weeklyHours(hours, intl),
      lastVerified: hit.lastVerified ? formatDate(hit.lastVerified, intl) : null,
    },
  }));

  const textLanguages = new Set<string>(
    result.hits.flatMap((hit) => [
      hit.textLanguage,
      ...(hit.matchedThrough?.lang ? [hit.matchedThrough.lang] : []),
    ]),
  );

  return {
    result: { ...result, hits },
    suggestions,
    languageNames: languageNames(languages, intl),
    inlineLanguageNames: languageNames(textLanguages, intl, { capitalize: false }),
    fartherAway: Math.max(0, (result.totalAnyDistance ?? result.total) - result.total),
    printedOn: formatDate(today.isoDate, intl),
  };
}
