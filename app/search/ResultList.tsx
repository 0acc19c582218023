import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ReferLink } from "~/components/ReferLink";
import { useLocale } from "~/i18n/hooks";
import { directionOf } from "~/i18n/locales";
import type { HitView } from "./page-types";

interface ResultListProps {
  hits: HitView[];
  /** Number of the first result on this page (11 on page 2). */
  start: number;
  languageNames: Record<string, string>;
  /** Names for use inside a sentence ("(in English)"): the descriptions' and matches' languages. */
  inlineLanguageNames: Record<string, string>;
  orgHref: (slug: string) => string;
  highlightedId: string | null;
  onHighlight: (id: string | null) => void;
}

export function ResultList({ hits, start, ...rest }: ResultListProps) {
  return (
    <ol className="result-list" start={start}>
      {hits.map((hit) => (
        <ResultItem key={hit.id} hit={hit} {...rest} />
      ))}
    </ol>
  );
}

function ResultItem({
  hit,
  languageNames,
  inlineLanguageNames,
  orgHref,
  highlightedId,
  onHighlight,
}: Omit<ResultListProps, "hits" | "start"> & { hit: HitView }) {
  const { t } = useTranslation(["search", "vocabulary", "directory"]);
  const locale = useLocale();
  const base = (tag: string) => tag.split("-")[0]!.toLowerCase();
  /** The description is shown in another language than the page's (no translation). */
  const fallback = base(hit.textLanguage) !== base(locale);
  const inLanguage = (lang: string) =>
    t("directory:inLanguage", { language: inlineLanguageNames[lang] ?? lang });
  const headingId = `result-${hit.id.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
  const orgPage = orgHref(hit.organizationSlug);
  const { display } = hit;
  const address = hit.address
    ? [hit.address.line1, hit.address.line2, `${hit.address.city} ${hit.address.postalCode}`]
        .filter(Boolean)
        .join(", ")
    : null;
  const hoursToday = display.hasHours
    ? (display.hoursToday ?? t("results.closedToday"))
    : t("results.callForHours");
  return (
    <li
      className={highlightedId === hit.id ? "result is-highlighted" : "result"}
      onMouseEnter={() => onHighlight(hit.id)}
      onMouseLeave={() => onHighlight(null)}
      onFocus={() => onHighlight(hit.id)}
      onBlur={() => onHighlight(null)}
    >
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
        {hit.matchedThrough ? (
          <p className="result__why hint">
            {t("results.matchedThrough")}{" "}
            <bdi lang={hit.matchedThrough.lang ?? undefined}>
              <q>{hit.matchedThrough.term}</q>
            </bdi>
            {hit.matchedThrough.lang ? <> {inLanguage(hit.matchedThrough.lang)}</> : null}
          </p>
        ) : null}
        <ReferLink serviceId={hit.serviceId} serviceName={hit.serviceName} />
        {hit.serviceDescription ? (
          <p className="result__description screen-only">
            <bdi lang={hit.textLanguage}>{hit.serviceDescription}</bdi>
            {fallback ? (
              <>
                {" "}
                <span className="translation-note" lang={locale} dir={directionOf(locale)}>
                  {inLanguage(hit.textLanguage)}
                </span>
              </>
            ) : null}
          </p>
        ) : null}
        <dl className="facts">
          {display.distance ? (
            <div>
              <dt>{t("results.distance")}</dt>
              <dd>
                <bdi>{display.distance}</bdi>
              </dd>
            </div>
          ) : null}
          <div>
            <dt>{t("results.address")}</dt>
            <dd>
              {address ? (
                <bdi className="result__address">{address}</bdi>
              ) : hit.confidentialLocation ? (
                t("results.callForAddress")
              ) : (
                hit.deliveryMethods.map((code) => t(`vocabulary:delivery.${code}`)).join(" · ")
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
            <dd>{display.hoursToday ? <bdi>{hoursToday}</bdi> : hoursToday}</dd>
          </div>
          <div className="print-only">
            <dt>{t("results.hours")}</dt>
            <dd>
              {display.week.length > 0
                ? display.week.map((line, index) => (
                    <span key={line.days}>
                      {index > 0 ? "; " : null}
                      {line.days}: <bdi>{line.hours}</bdi>
                    </span>
                  ))
                : t("results.callForHours")}
            </dd>
          </div>
          {hit.languages.length > 0 ? (
            <div>
              <dt>{t("results.languages")}</dt>
              <dd>
                {hit.languages.map((code, index) => (
                  <span key={code}>
                    {index > 0 ? ", " : null}
                    <bdi>{languageNames[code] ?? code}</bdi>
                  </span>
                ))}
              </dd>
            </div>
          ) : null}
          <div>
            <dt>{t("results.fees")}</dt>
            <dd>{t(`vocabulary:fees.${hit.fees}`)}</dd>
          </div>
          <div>
            <dt>{t("results.newClients")}</dt>
            <dd className={hit.acceptingNewClients ? undefined : "text-warning"}>
              {hit.acceptingNewClients ? t("results.accepting") : t("results.notAccepting")}
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
              {display.lastVerified ?? t("results.neverVerified")}
              {hit.stale ? <span className="badge badge--stale">{t("results.stale")}</span> : null}
            </dd>
          </div>
        </dl>
        {hit.categories.length > 0 ? (
          <ul className="tags screen-only" aria-label={t("results.categories")}>
            {hit.categories.map((code) => (
              <li key={code}>{t(`vocabulary:category.${code}`)}</li>
            ))}
          </ul>
        ) : null}
      </article>
    </li>
  );
}
