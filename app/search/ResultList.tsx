import { useId } from "react";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ReferLink } from "~/components/ReferLink";
import type { MapPoint } from "~/components/map/map-types";
import type { HitView } from "./page-types";

interface ResultListProps {
  hits: HitView[];
  /** Number of the first result on this page (11 on page 2). */
  start: number;
  orgHref: (slug: string) => string;
}

/**
 * The results. Rendered on the server and not hydrated after a document request
 * (app/http/markup-only.tsx): no event handlers here; the search page listens on the list's
 * container and finds each result by its position, and the map its place in `data-lat` and
 * `data-lng`.
 */
export function ResultList({ hits, start, orgHref }: ResultListProps) {
  return (
    <ol className="result-list" start={start}>
      {hits.map((hit) => (
        <ResultItem key={hit.id} hit={hit} orgHref={orgHref} />
      ))}
    </ol>
  );
}

function ResultItem({ hit, orgHref }: Pick<ResultListProps, "orgHref"> & { hit: HitView }) {
  const { t } = useTranslation("search");
  // React's short id (the same on the server and after hydration): two 73-character document
  // ids per result were 3 kB of every results page.
  const headingId = useId();
  const orgPage = orgHref(hit.organizationSlug);
  const { display } = hit;
  return (
    <li className="result" data-lat={hit.geo?.lat} data-lng={hit.geo?.lng}>
      <article aria-labelledby={headingId}>
        {/* Names and addresses are data, often in another script than the page's: each is a
            bidi isolate (<bdi>, dir) so that an English name or a number keeps its order
            inside an Arabic or Urdu page (issue 11, item 4). */}
        <h3 id={headingId} className="result__title">
          <Link to={`${orgPage}#service-${hit.serviceId}`}>
            <bdi>{hit.serviceName}</bdi>
          </Link>
        </h3>
        <p className="result__org">
          <Link to={orgPage}>
            <bdi>{hit.organizationName}</bdi>
          </Link>
        </p>
        {display.matched ? <p className="result__why hint">{display.matched}</p> : null}
        <ReferLink serviceId={hit.serviceId} serviceName={hit.serviceName} />
        {hit.serviceDescription ? (
          <p className="result__description screen-only">
            <bdi lang={hit.textLanguage}>{hit.serviceDescription}</bdi>
            {display.descriptionNote ? (
              <span className="translation-note"> {display.descriptionNote}</span>
            ) : null}
          </p>
        ) : null}
        <dl className="facts">
          {display.distance ? (
            <div>
              <dt>{t("results.distance")}</dt>
              <dd>{display.distance}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t("results.address")}</dt>
            <dd>
              {display.address ? (
                <bdi className="result__address">{display.address}</bdi>
              ) : (
                display.where
              )}
            </dd>
          </div>
          {hit.phone ? (
            <div>
              <dt>{t("results.phone")}</dt>
              <dd>
                <a href={`tel:${hit.phone.tel}`} dir="ltr">
                  {hit.phone.number}
                </a>
              </dd>
            </div>
          ) : null}
          <div className="screen-only">
            <dt>{t("results.hoursToday")}</dt>
            <dd>{display.hoursToday}</dd>
          </div>
          <div className="print-only">
            <dt>{t("results.hours")}</dt>
            <dd>{display.week}</dd>
          </div>
          {display.languages ? (
            <div>
              <dt>{t("results.languages")}</dt>
              <dd>{display.languages}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t("results.fees")}</dt>
            <dd>{display.fees}</dd>
          </div>
          <div>
            <dt>{t("results.newClients")}</dt>
            <dd className={hit.acceptingNewClients ? undefined : "text-warning"}>
              {display.newClients}
            </dd>
          </div>
          {hit.takesDetainedCases ? (
            <div>
              <dt>{t("results.detained")}</dt>
              <dd>{t("results.takesDetainedCases")}</dd>
            </div>
          ) : null}
          <div className="screen-only">
            <dt>{t("results.lastVerified")}</dt>
            <dd>
              {display.lastVerified}
              {hit.stale ? <span className="badge badge--stale">{t("results.stale")}</span> : null}
            </dd>
          </div>
        </dl>
        {display.categories.length > 0 ? (
          <ul className="tags screen-only" aria-label={t("results.categories")}>
            {display.categories.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
        ) : null}
      </article>
    </li>
  );
}

/** The results in a list's markup (rendered by the server or in the browser), in order. */
export function resultsIn(list: HTMLElement): HTMLElement[] {
  return [...list.querySelectorAll<HTMLElement>(".result")];
}

/**
 * The results with a place, as the map shows them, read from a list's markup; a point's id is
 * its result's position in the list.
 */
export function mapPointsOf(list: HTMLElement): MapPoint[] {
  return resultsIn(list).flatMap((item, position) => {
    if (item.dataset.lat === undefined || item.dataset.lng === undefined) return [];
    const orgLink = item.querySelector<HTMLAnchorElement>(".result__org a");
    return [
      {
        id: String(position),
        lat: Number(item.dataset.lat),
        lng: Number(item.dataset.lng),
        title: item.querySelector(".result__title")?.textContent ?? "",
        linkLabel: orgLink?.textContent ?? "",
        href: orgLink?.getAttribute("href") ?? "",
        address: item.querySelector(".result__address")?.textContent ?? undefined,
      },
    ];
  });
}
