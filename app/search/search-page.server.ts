import { coalition, coalitionToday } from "~/coalition.server";
import { calendarDayIn } from "~/directory/dates";
import type { Database } from "~/db.server";
import { COMMON_SERVICE_LANGUAGES } from "#db/codes/directory";
import {
  formatDate,
  formatMiles,
  hoursOn,
  inZone,
  languageNames,
  timeZoneName,
  weeklyHours,
} from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { localeOrDefault } from "~/i18n/locales";
import { activeFilters, remoteServicesQuery, widerRadius, withoutFilters } from "./filters";
import { searchServices } from "./search.server";
import type { HitView, SearchPage, Suggestion } from "./page-types";
import type { SearchQuery } from "./types";

const DESCRIPTION_LENGTH = 220;

/** A Unicode bidi isolate (FSI … PDI): the text keeps its own direction inside any page. */
const isolate = (text: string) => `\u2068${text}\u2069`;
const primary = (tag: string) => tag.split("-")[0]!.toLowerCase();
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
  const todayDate = coalitionToday(options.now);
  const result = await searchServices(db, query);
  const suggestions = result.total === 0 ? await suggestionsFor(db, query) : [];

  const languages = new Set<string>([
    // Without language counts (an engine that gives none) the filter offers the common ones.
    ...(result.facets.languages ? Object.keys(result.facets.languages) : COMMON_SERVICE_LANGUAGES),
    ...query.languages,
    ...result.hits.flatMap((hit) => hit.languages),
  ]);

  const textLanguages = new Set<string>(
    result.hits.flatMap((hit) => [
      hit.textLanguage,
      ...(hit.matchedThrough?.lang ? [hit.matchedThrough.lang] : []),
    ]),
  );
  const inlineNames = languageNames(textLanguages, intl, { capitalize: false });
  const names = languageNames(languages, intl);
  const t = serverT(localeOrDefault(query.locale), "search");
  const inLanguage = (lang: string) =>
    t("directory:inLanguage", { language: inlineNames[lang] ?? lang });
  const visitor = primary(query.locale);

  const now = options.now ?? new Date();
  const hits = result.hits.map((hit): HitView => {
    const { hours } = hit;
    // Hours are the place's own clock: "today" is today there, and another zone is named.
    const zone = hit.timeZone === coalition().timeZone ? null : timeZoneName(hit.timeZone, intl);
    const weekday = zone ? calendarDayIn(hit.timeZone, now).weekday : todayDate.weekday;
    const hoursToday = hoursOn(hours, weekday, intl);
    const today = hoursToday && inZone(hoursToday, zone);
    return {
      id: hit.id,
      serviceId: hit.serviceId,
      serviceName: hit.serviceName,
      serviceDescription: clip(hit.serviceDescription),
      textLanguage: hit.textLanguage,
      organizationName: hit.organizationName,
      organizationSlug: hit.organizationSlug,
      acceptingNewClients: hit.acceptingNewClients,
      takesDetainedCases: hit.takesDetainedCases,
      address: hit.address,
      geo: hit.geo,
      phone: hit.phone,
      stale: hit.stale,
      display: {
        distance:
          hit.distanceMiles === undefined ? null : isolate(formatMiles(hit.distanceMiles, intl)),
        hoursToday:
          hours.length === 0
            ? t("results.callForHours")
            : today === null
              ? t("results.closedToday")
              : isolate(today),
        week:
          hours.length === 0
            ? t("results.callForHours")
            : weeklyHours(hours, intl)
                .map((line) => `${line.days}: ${isolate(inZone(line.hours, zone))}`)
                .join("; "),
        lastVerified: hit.lastVerified
          ? formatDate(hit.lastVerified, intl)
          : t("results.neverVerified"),
        address: hit.address
          ? [hit.address.line1, hit.address.line2, `${hit.address.city} ${hit.address.postalCode}`]
              .filter(Boolean)
              .join(", ")
          : null,
        where: hit.address
          ? null
          : hit.confidentialLocation
            ? t("results.callForAddress")
            : hit.deliveryMethods.map((code) => t(`vocabulary:delivery.${code}`)).join(" · "),
        fees: t(`vocabulary:fees.${hit.fees}`),
        newClients: t(hit.acceptingNewClients ? "results.accepting" : "results.notAccepting"),
        categories: hit.categories.map((code) => t(`vocabulary:category.${code}`)),
        languages: hit.languages.map((code) => isolate(names[code] ?? code)).join(", "),
        descriptionNote:
          primary(hit.textLanguage) === visitor ? null : inLanguage(hit.textLanguage),
        matched: hit.matchedThrough
          ? [
              t("results.matchedThrough", { term: isolate(hit.matchedThrough.term) }),
              ...(hit.matchedThrough.lang ? [inLanguage(hit.matchedThrough.lang)] : []),
            ].join(" ")
          : null,
      },
    };
  });

  return {
    result: { ...result, hits },
    suggestions,
    languageNames: names,
    fartherAway: Math.max(0, (result.totalAnyDistance ?? result.total) - result.total),
    printedOn: formatDate(todayDate.isoDate, intl),
  };
}
