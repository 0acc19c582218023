import type { TFunction } from "i18next";
import { localePath, type Locale } from "~/i18n/locales";
import { activeFilters } from "./filters";
import { filterLabel } from "./labels";
import type { SearchPage } from "./page-types";
import { toSearchParams } from "./params";
import type { SearchQuery } from "./types";

/*
 * The phone layout's short texts and links of a results page, made on the server: they are
 * loader data, not code shipped to the browser (the search page's JavaScript must not grow).
 */

/** The one line the folded search form shows: "asilo · cerca de 11368". */
export function searchLine(
  t: TFunction,
  query: SearchQuery,
  place: string,
  languageNames: Record<string, string>,
): string {
  const words =
    query.q ||
    activeFilters(query)
      .map((filter) => filterLabel(t, filter.parameter, filter.value, languageNames))
      .join(", ");
  return [words || t("search:print.allServices"), place ? t("search:print.near", { place }) : null]
    .filter(Boolean)
    .join(" · ");
}

/**
 * One-tap filters people use most (free, speaks my language, taking new clients), offered
 * when they would narrow the results without emptying them.
 */
export function quickFilters(
  t: TFunction,
  locale: Locale,
  query: SearchQuery,
  page: SearchPage,
): { label: string; href: string }[] {
  const { facets, total } = page.result;
  const narrows = (count: number | undefined) => count !== undefined && count > 0 && count < total;
  const href = (next: SearchQuery) =>
    `${localePath(locale, "/search")}?${toSearchParams({ ...next, page: 1 }).toString()}`;
  const myLanguage = locale.split("-")[0] ?? locale;
  const names = page.languageNames;
  const quick: { label: string; href: string }[] = [];
  if (query.fees === undefined && narrows(facets.fees?.free)) {
    quick.push({
      label: filterLabel(t, "fees", "free", names),
      href: href({ ...query, fees: "free" }),
    });
  }
  if (locale !== "en" && query.languages.length === 0 && narrows(facets.languages?.[myLanguage])) {
    quick.push({
      label: filterLabel(t, "language", myLanguage, names),
      href: href({ ...query, languages: [myLanguage] }),
    });
  }
  if (query.accepting === undefined && narrows(facets.accepting?.true)) {
    quick.push({
      label: filterLabel(t, "accepting", "true", names),
      href: href({ ...query, accepting: true }),
    });
  }
  return quick;
}
