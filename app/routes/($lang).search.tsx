import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useRef, useState, type SyntheticEvent } from "react";
import { useTranslation } from "react-i18next";
import { Hotlines } from "~/components/Hotlines";
import { MapPanel, MapToggle } from "~/components/map/MapPanel";
import { PrintButton } from "~/components/PageActions";
import { Pagination } from "~/components/Pagination";
import { config } from "~/config.server";
import { db } from "~/db.server";
import { logError } from "~/error-log.server";
import { markupOnly, ServerMarkup, useMarkupOnly } from "~/http/markup-only";
import { nameOfPoint, resolvePlace } from "~/geo/places.server";
import { useLocale } from "~/i18n/hooks";
import { detectLocale, serverT } from "~/i18n/i18n.server";
import { LOCALES, localePath } from "~/i18n/locales";
import { pageTitle } from "~/i18n/meta";
import { activeFilters, withoutFilters } from "~/search/filters";
import { FilterPanel } from "~/search/FilterPanel";
import { filterLabel } from "~/search/labels";
import type { MapPoint } from "~/components/map/map-types";
import { NoResults } from "~/search/NoResults";
import type { SearchPage } from "~/search/page-types";
import { parseSearchParams, radiusControlValue, toSearchParams } from "~/search/params";
import { mapPointsOf, ResultList, resultsIn } from "~/search/ResultList";
import { CollapsibleSearch, SearchForm } from "~/search/SearchForm";
import { SortChoice } from "~/search/SortChoice";
import { quickFilters, searchLine } from "~/search/at-a-glance.server";
import { loadSearchPage } from "~/search/search-page.server";
import type { IgnoredParameter, SearchQuery } from "~/search/types";
import { privatePageHeaders } from "~/security/cache-control";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title", "search");

// The URL holds what the person searched for.
export const headers = privatePageHeaders;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const locale = await detectLocale(request, params.lang);
  const url = new URL(request.url);
  const { query, ignored } = parseSearchParams(url.searchParams, { locale, resolvePlace });
  // "Use my location" sends a rounded position: name it (neighborhood or ZIP code), never
  // show the coordinates. The links keep the position itself.
  let near = url.searchParams.get("near") ?? "";
  if (query.near?.kind === "coordinates") {
    const named = nameOfPoint(query.near.latitude, query.near.longitude);
    query.near.label = named?.label ?? serverT(locale, "search")("form.yourLocation");
    near = named?.input ?? "";
  }
  const t = serverT(locale, "search");
  // How the folded form names the place: what was typed, or the position's name.
  const placeName = query.near ? (query.near.kind === "coordinates" ? query.near.label : near) : "";
  const settings = config();
  const common = {
    query,
    ignored,
    // What the visitor typed, even when it could not be used (so they can correct it).
    form: {
      q: url.searchParams.get("q") ?? "",
      near,
      // The radius really used, not what was typed (issue 11: "any distance" was 10 miles).
      radius: radiusControlValue(query, url.searchParams.get("radius")),
    },
    tiles: { url: settings.MAP_TILE_URL, attribution: settings.MAP_TILE_ATTRIBUTION },
  };
  let page: SearchPage;
  try {
    page = await loadSearchPage(db(), query, { intl: LOCALES[locale].intl });
  } catch (error) {
    // Both engines failed (Postgres down): say so kindly and show the hotlines, not a 500.
    // Logged without the message, which would hold the query (app/error-log.server.ts).
    logError("routes/($lang).search", error);
    return data(
      {
        ...common,
        page: null,
        hits: null,
        mappable: false,
        line: searchLine(t, query, placeName, {}),
        quick: [],
      },
      { status: 503 },
    );
  }
  const { hits, ...result } = page.result;
  return data({
    ...common,
    page: { ...page, result },
    // Sent once: as the list's markup on a document request, as data on a navigation.
    hits: markupOnly(context, "search.hits", hits),
    // Whether "Show map" is offered; the map reads its points from the list.
    mappable: hits.some((hit) => hit.geo !== null),
    line: searchLine(t, query, placeName, page.languageNames),
    quick: quickFilters(t, locale, query, page),
  });
}

export default function SearchRoute() {
  const loaded = useLoaderData<typeof loader>();
  const { query, ignored, page, form, tiles, line, quick, mappable } = loaded;
  // Undefined in the browser after a document request: the list is the server's markup.
  const hits = useMarkupOnly("search.hits", loaded.hits);
  const { t } = useTranslation(["search", "vocabulary", "common"]);
  const locale = useLocale();
  const location = useLocation();
  const navigation = useNavigation();
  const [mapOpen, setMapOpen] = useState(false);
  const [highlightedId, setHighlightedId] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const [points, setPoints] = useState<MapPoint[]>([]);
  const firstRender = useRef(true);

  const searchPath = localePath(locale, "/search");
  const hrefFor = useCallback(
    (next: SearchQuery) => {
      const search = toSearchParams(next).toString();
      return search ? `${searchPath}?${search}` : searchPath;
    },
    [searchPath],
  );
  // Stable across renders (unlike useLocalePath's function), so the map's markers are not
  // rebuilt each time a result is highlighted.
  const orgHref = useCallback((slug: string) => localePath(locale, `/orgs/${slug}`), [locale]);
  const numberFormat = useMemo(() => new Intl.NumberFormat(LOCALES[locale].intl), [locale]);
  const formatNumber = useCallback((n: number) => numberFormat.format(n), [numberFormat]);
  const languageNames = page?.languageNames ?? {};
  const total = page?.result.total ?? 0;
  const canonical = toSearchParams({ ...query, page: 1 }).toString();

  // After a new search, a filter change or another page, take keyboard and screen reader
  // users to the results (the first render keeps the browser's own focus).
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [location.key]);

  // The map's points, read from the list as rendered (by the server or here); a new list has
  // nothing marked yet.
  useEffect(() => {
    setPoints(listRef.current ? mapPointsOf(listRef.current) : []);
    setHighlightedId(null);
  }, [location.key, hits]);
  // The result under the pointer or the keyboard is marked on the map, and the other way round.
  useEffect(() => {
    const list = listRef.current;
    if (!list) return;
    resultsIn(list).forEach((item, position) =>
      item.classList.toggle("is-highlighted", mapOpen && String(position) === highlightedId),
    );
  }, [mapOpen, highlightedId, hits]);
  const highlightFrom = useCallback((event: SyntheticEvent) => {
    const item = (event.target as Element).closest<HTMLElement>(".result");
    const position = item ? resultsIn(event.currentTarget as HTMLElement).indexOf(item) : -1;
    setHighlightedId(position >= 0 ? String(position) : null);
  }, []);
  const clearHighlight = useCallback(() => setHighlightedId(null), []);
  const chosen = activeFilters(query);
  // The filters to keep when the words or the place change.
  const keptFilters = [...toSearchParams({ ...query, page: 1 }).entries()].filter(
    ([name]) => !["q", "near", "radius", "page"].includes(name),
  );
  const summary = [
    query.q ? t("print.words", { words: query.q }) : null,
    query.near
      ? query.radius !== undefined
        ? t("print.nearWithin", { place: query.near.label, count: query.radius })
        : t("print.near", { place: query.near.label })
      : null,
    ...chosen.map((filter) => filterLabel(t, filter.parameter, filter.value, languageNames)),
  ].filter(Boolean);

  return (
    <div className="search-page">
      <h1>{t("heading")}</h1>
      <div className="print-only print-header">
        <p>
          <strong>{t("common:site.name")}</strong> · {t("common:site.tagline")}
        </p>
        <p>
          {t("print.yourSearch", {
            summary: summary.length > 0 ? summary.join(" · ") : t("print.allServices"),
          })}
          {page ? <> · {t("print.printedOn", { date: page.printedOn })}</> : null}
        </p>
      </div>

      <CollapsibleSearch
        key={`summary-${canonical}`}
        line={line}
        searched={line !== t("print.allServices")}
        withPlace={query.near !== undefined}
      >
        <SearchForm
          key={`search-${canonical}`}
          action={searchPath}
          defaults={form}
          filters={keptFilters}
        />
      </CollapsibleSearch>

      {ignored.length > 0 ? <IgnoredNotice ignored={ignored} /> : null}
      {page?.result.engine === "postgres" ? (
        <p className="notice notice--quiet no-print">{t("notices.fallbackEngine")}</p>
      ) : null}

      {/* The chosen filters, each removable with one tap, above the panel and the results. */}
      {chosen.length > 0 ? (
        <ul className="chips no-print" aria-label={t("chips.label")}>
          {chosen.map((filter) => {
            const label = filterLabel(t, filter.parameter, filter.value, languageNames);
            return (
              <li key={`${filter.parameter}-${filter.value}`}>
                <Link
                  to={hrefFor(filter.without)}
                  aria-label={t("chips.remove", { filter: label })}
                >
                  {label} <span aria-hidden="true">✕</span>
                </Link>
              </li>
            );
          })}
        </ul>
      ) : null}
      {quick.length > 0 ? (
        <ul className="chips chips--quick no-print" aria-label={t("chips.quickLabel")}>
          {quick.map((filter) => (
            <li key={filter.label}>
              <Link to={filter.href} aria-label={t("chips.add", { filter: filter.label })}>
                <span aria-hidden="true">+</span> {filter.label}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="search-layout">
        {page ? (
          <FilterPanel
            key={`filters-${canonical}`}
            action={searchPath}
            query={query}
            facets={page.result.facets}
            languageNames={languageNames}
            clearHref={hrefFor(withoutFilters(query))}
            formatCount={formatNumber}
          />
        ) : null}

        <section
          className="results"
          aria-labelledby="results-heading"
          aria-busy={navigation.state === "loading"}
        >
          <div className="results__header">
            <h2 id="results-heading" ref={headingRef} tabIndex={-1}>
              {t("results.heading")}
            </h2>
            <p className="results__count" role="status" aria-live="polite" aria-atomic="true">
              {page ? (
                <>
                  {query.near
                    ? t("results.countNear", { count: total, place: query.near.label })
                    : t("results.count", { count: total })}
                  {total > 1 ? (
                    <>
                      {" "}
                      {query.sort === "closest"
                        ? t("results.closestFirst")
                        : t("results.bestFirst")}
                    </>
                  ) : null}
                </>
              ) : null}
            </p>
            {page?.fartherAway ? (
              <p className="results__farther">
                {t("results.fartherAway", { count: page.fartherAway })}{" "}
                <Link to={hrefFor({ ...query, radius: undefined, page: 1 })}>
                  {t("results.anyDistanceLink")}
                </Link>
              </p>
            ) : null}
            {total > 1 && query.near ? <SortChoice query={query} hrefFor={hrefFor} /> : null}
          </div>

          {!page ? (
            <div className="notice notice--error">
              <p>{t("notices.unavailable")}</p>
              <Hotlines headingLevel={3} />
            </div>
          ) : total === 0 ? (
            <NoResults
              suggestions={page.suggestions}
              hrefFor={hrefFor}
              languageNames={languageNames}
            />
          ) : (
            <>
              <div className="results__toolbar no-print">
                {mappable ? (
                  <MapToggle
                    controls="results-map"
                    open={mapOpen}
                    onToggle={() => setMapOpen((open) => !open)}
                  />
                ) : null}
                <PrintButton label={t("print.button")} />
              </div>
              {mappable ? (
                <MapPanel
                  id="results-map"
                  open={mapOpen}
                  points={points}
                  tiles={tiles}
                  highlightedId={highlightedId}
                  onHighlight={setHighlightedId}
                  label={t("map.label")}
                />
              ) : null}
              <ServerMarkup
                ref={listRef}
                onMouseOver={highlightFrom}
                onFocus={highlightFrom}
                onMouseLeave={clearHighlight}
                onBlur={clearHighlight}
              >
                {hits ? (
                  <ResultList
                    hits={hits}
                    start={(page.result.page - 1) * page.result.pageSize + 1}
                    orgHref={orgHref}
                  />
                ) : undefined}
              </ServerMarkup>
              <Pagination
                page={page.result.page}
                totalPages={page.result.totalPages}
                hrefFor={(n) => hrefFor({ ...query, page: n })}
                formatNumber={formatNumber}
              />
            </>
          )}
        </section>
      </div>
      {page && total > 0 ? <Hotlines /> : null}
    </div>
  );
}

function IgnoredNotice({ ignored }: { ignored: IgnoredParameter[] }) {
  const { t } = useTranslation("search");
  return (
    <div className="notice no-print" role="note" aria-labelledby="ignored-heading">
      <p id="ignored-heading">{t("ignored.intro", { count: ignored.length })}</p>
      <ul>
        {ignored.map((item) => (
          <li key={`${item.parameter}-${item.value}-${item.reason}`}>
            {t(`ignored.${item.reason}`, {
              parameter: t(`ignored.parameters.${item.parameter}`, {
                defaultValue: item.parameter,
              }),
              value: item.value,
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}
