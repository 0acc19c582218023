import { Link } from "@remix-run/react";
import { Fragment, useMemo, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Hotlines } from "~/components/Hotlines";
import { MapPanel, MapToggle } from "~/components/map/MapPanel";
import type { MapPoint } from "~/components/map/map-types";
import { PrintButton, ShareButton } from "~/components/PageActions";
import { ReferLink } from "~/components/ReferLink";
import { ServerMarkup } from "~/http/markup-only";
import {
  addressLine,
  directionsUrl,
  geoUri,
  type AtAGlance,
  type OrganizationView,
  type ServiceDisplay,
} from "~/directory/organization-view";
import type { LocalizedText } from "~/directory/service-view";
import { useLocale, useLocalePath } from "~/i18n/hooks";

type PhoneView = OrganizationView["organization"]["phones"][number];

/**
 * Free text in the visitor's language, or the original marked "(in English)": then the text is
 * a bidi isolate (English inside an Arabic page is not reordered) and the note is the page's.
 */
function Localized({
  value,
  names,
  as = "p",
}: {
  value: LocalizedText;
  names: Record<string, string>;
  as?: "p" | "span";
}) {
  const { t } = useTranslation("directory");
  const locale = useLocale();
  const Element = as;
  const paragraphs = as === "p" ? value.text.split(/\n\s*\n/) : [value.text];
  return (
    <>
      {paragraphs.map((text, index) => (
        <Element key={index} lang={value.lang}>
          {value.fallback ? <bdi>{text}</bdi> : text}
          {value.fallback && index === paragraphs.length - 1 ? (
            <>
              {" "}
              <span className="translation-note" lang={locale}>
                {t("inLanguage", { language: names[value.lang] ?? value.lang })}
              </span>
            </>
          ) : null}
        </Element>
      ))}
    </>
  );
}

function Phones({ phones, names }: { phones: PhoneView[]; names: Record<string, string> }) {
  const { t } = useTranslation("directory");
  if (phones.length === 0) return null;
  return (
    <ul className="plain-list">
      {phones.map((phone, index) => (
        <li key={`${phone.number}-${index}`}>
          {phone.type !== "fax" ? (
            <a href={`tel:${phone.tel}`} dir="ltr">
              {phone.number}
            </a>
          ) : (
            <span dir="ltr">{phone.number}</span>
          )}
          {phone.extension ? <> {t("phone.extension", { extension: phone.extension })}</> : null}
          {phone.type !== "voice" ? <> ({t(`phone.types.${phone.type}`)})</> : null}
          {phone.description ? (
            <>
              {" · "}
              <bdi>{phone.description}</bdi>
            </>
          ) : null}
          {phone.languages.length > 0 ? (
            <>
              {" · "}
              <LanguageList codes={phone.languages} names={names} />
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Language names, each isolated (an English or ISO name inside an Arabic page keeps its order). */
function LanguageList({ codes, names }: { codes: string[]; names: Record<string, string> }) {
  return (
    <>
      {codes.map((code, index) => (
        <Fragment key={code}>
          {index > 0 ? ", " : null}
          <bdi>{names[code] ?? code}</bdi>
        </Fragment>
      ))}
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function LastVerified({ text, stale }: { text: string | null; stale: boolean }) {
  const { t } = useTranslation("search");
  return (
    <>
      {text ?? t("results.neverVerified")}
      {stale ? <span className="badge badge--stale">{t("results.stale")}</span> : null}
    </>
  );
}

/** Call, directions, today's hours, new clients, languages: what a person needs to act. */
function Glance({ glance, names }: { glance: AtAGlance; names: Record<string, string> }) {
  const { t } = useTranslation(["directory", "search"]);
  const { call, place, accepting } = glance;
  return (
    <section className="glance" aria-labelledby="glance-heading">
      <h2 id="glance-heading" className="visually-hidden">
        {t("glance.heading")}
      </h2>
      {call || place ? (
        <ul className="glance__actions">
          {call ? (
            <li>
              <a className="button button--primary glance__call" href={`tel:${call.tel}`}>
                {t("glance.call")} <span dir="ltr">{call.number}</span>
              </a>
            </li>
          ) : null}
          {place ? (
            <li>
              <a className="button glance__directions" href={geoUri(place)}>
                {t("glance.directions")}
              </a>
            </li>
          ) : null}
        </ul>
      ) : null}
      <dl className="facts">
        {place ? <Fact label={t("search:results.address")}>{place.address}</Fact> : null}
        <Fact label={t("search:results.hoursToday")}>
          {glance.hasHours
            ? (glance.hoursToday ?? t("search:results.closedToday"))
            : t("search:results.callForHours")}
        </Fact>
        {accepting.of > 0 ? (
          <Fact label={t("search:results.newClients")}>
            <span className={accepting.yes === 0 ? "text-warning" : undefined}>
              {accepting.yes === accepting.of
                ? t("search:results.accepting")
                : accepting.yes === 0
                  ? t("search:results.notAccepting")
                  : t("glance.acceptingSome", { count: accepting.yes, total: accepting.of })}
            </span>
          </Fact>
        ) : null}
        {glance.languages.length > 0 ? (
          <Fact label={t("search:results.languages")}>
            {glance.languages
              .map((code) => names[code] ?? code)
              .sort((a, b) => a.localeCompare(b))
              .join(", ")}
          </Fact>
        ) : null}
      </dl>
    </section>
  );
}

function ServiceSection({
  service,
  view,
}: {
  service: ServiceDisplay;
  view: Omit<OrganizationView, "services">;
}) {
  const { t } = useTranslation(["directory", "search", "vocabulary"]);
  const names = view.languageNames;
  const inline = view.languageNamesInline;
  const headingId = `service-${service.id}-heading`;
  const serviceLocations = view.locations.filter((l) => service.locationIds.includes(l.id));
  // A result links here: the number to call is always in the section, the service's own,
  // else its locations', else the organization's.
  const locationPhones = serviceLocations.flatMap((location) => location.phones);
  const servicePhones =
    service.phones.length > 0
      ? service.phones
      : locationPhones.length > 0
        ? locationPhones
        : view.organization.phones;
  const locationLabel = (id: string) => {
    const location = view.locations.find((l) => l.id === id);
    if (!location) return "";
    if (location.confidential || !location.address) return t("search:results.callForAddress");
    return location.name ?? addressLine(location.address);
  };
  return (
    <section id={`service-${service.id}`} className="service" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <bdi lang={service.name.lang}>{service.name.text}</bdi>
      </h3>
      <ReferLink serviceId={service.id} serviceName={service.name.text} />
      {service.categories.length > 0 ? (
        <ul className="tags" aria-label={t("search:results.categories")}>
          {service.categories.map((category) => (
            <li key={category.code}>
              {t(`vocabulary:category.${category.code}`, { defaultValue: category.name })}
            </li>
          ))}
        </ul>
      ) : null}
      {service.description ? <Localized value={service.description} names={inline} /> : null}
      <dl className="facts">
        {service.languages.length > 0 ? (
          <Fact label={t("search:results.languages")}>
            <LanguageList codes={service.languages} names={names} />
          </Fact>
        ) : null}
        <Fact label={t("search:results.fees")}>
          {t(`vocabulary:fees.${service.fees}`)}
          {service.feesDescription ? (
            <>
              {" · "}
              <Localized value={service.feesDescription} names={inline} as="span" />
            </>
          ) : null}
        </Fact>
        <Fact label={t("search:results.newClients")}>
          {service.acceptingNewClients
            ? t("search:results.accepting")
            : t("search:results.notAccepting")}
          {service.availabilitySinceText
            ? ` (${t("service.availabilitySince", { date: service.availabilitySinceText })})`
            : null}
        </Fact>
        {service.takesDetainedCases ? (
          <Fact label={t("search:results.detained")}>{t("search:results.takesDetainedCases")}</Fact>
        ) : null}
        <Fact label={t("service.delivery")}>
          {service.deliveryMethods.map((code) => t(`vocabulary:delivery.${code}`)).join(", ")}
        </Fact>
        {service.populations.length > 0 ? (
          <Fact label={t("service.populations")}>
            {service.populations.map((code) => t(`vocabulary:population.${code}`)).join(", ")}
          </Fact>
        ) : null}
        {service.courtsServed.length > 0 ? (
          <Fact label={t("service.courts")}>
            {service.courtsServed.map((code) => t(`vocabulary:court.${code}`)).join(", ")}
          </Fact>
        ) : null}
        {service.providerTypes.length > 0 ? (
          <Fact label={t("service.providers")}>
            {service.providerTypes.map((code) => t(`vocabulary:provider.${code}`)).join(", ")}
          </Fact>
        ) : null}
        {service.eligibility ? (
          <Fact label={t("service.eligibility")}>
            <Localized value={service.eligibility} names={inline} />
          </Fact>
        ) : null}
        {service.applicationProcess ? (
          <Fact label={t("service.howToApply")}>
            <Localized value={service.applicationProcess} names={inline} />
          </Fact>
        ) : null}
        <Fact label={t("search:results.hours")}>
          {service.hours.length === 0
            ? t("search:results.callForHours")
            : service.hours.map((group) => (
                <Fragment key={group.locationId ?? "all"}>
                  {group.locationId ? (
                    <bdi className="hours-place">{locationLabel(group.locationId)}</bdi>
                  ) : service.hours.length > 1 ? (
                    // Beside a place's own hours: the service's hours everywhere else.
                    <span className="hours-place">{t("search:results.usualHours")}</span>
                  ) : null}
                  <ul className="plain-list">
                    {group.lines.map((line) => (
                      <li key={line.days}>
                        {line.days}: <bdi className="hours">{line.hours}</bdi>
                      </li>
                    ))}
                  </ul>
                </Fragment>
              ))}
        </Fact>
        {servicePhones.length > 0 ? (
          <Fact label={t("search:results.phone")}>
            <Phones phones={servicePhones} names={names} />
          </Fact>
        ) : null}
        {serviceLocations.length > 0 ? (
          <Fact label={t("service.where")}>
            <ul className="plain-list">
              {serviceLocations.map((location) => (
                <li key={location.id}>
                  <a href={`#location-${location.id}`}>
                    <bdi>{locationLabel(location.id)}</bdi>
                  </a>
                </li>
              ))}
            </ul>
          </Fact>
        ) : null}
        {service.url ? (
          <Fact label={t("service.website")}>
            <a href={service.url} rel="noreferrer noopener">
              {service.url}
            </a>
          </Fact>
        ) : null}
        <Fact label={t("search:results.lastVerified")}>
          <LastVerified text={service.lastVerifiedText} stale={service.stale} />
        </Fact>
      </dl>
    </section>
  );
}

/**
 * The public organization page: the page at /orgs/:slug, and the same page with a pending
 * change applied that editors preview (/portal/changes/:id/preview).
 */
export function OrganizationPage({
  view,
  services,
  serviceCount,
  tiles,
}: {
  view: Omit<OrganizationView, "services">;
  /**
   * The services' sections; undefined in the browser after a document request, where they are
   * the server's markup, kept unhydrated (app/http/markup-only.tsx).
   */
  services: ServiceDisplay[] | undefined;
  serviceCount: number;
  tiles: { url: string; attribution: string };
}) {
  const { t } = useTranslation(["directory", "search", "vocabulary"]);
  const href = useLocalePath();
  const [mapOpen, setMapOpen] = useState(false);
  const { organization } = view;

  const points = useMemo<MapPoint[]>(
    () =>
      view.locations.flatMap((location) =>
        location.geo && location.address
          ? [
              {
                id: location.id,
                lat: location.geo.lat,
                lng: location.geo.lng,
                title: location.name ?? organization.name,
                address: addressLine(location.address),
                linkLabel: t("location.directions"),
                href: directionsUrl(location) ?? "",
                external: true,
              },
            ]
          : [],
      ),
    [view.locations, organization.name, t],
  );

  return (
    <article className="org-page" aria-labelledby="org-heading">
      <p className="back-link no-print">
        <Link to={href("/search")}>{t("backToSearch")}</Link>
      </p>
      <header className="org-page__header">
        <h1 id="org-heading">
          <bdi>{organization.name}</bdi>
        </h1>
        {organization.alternateName ? (
          <p className="org-page__alternate">{organization.alternateName}</p>
        ) : null}
      </header>

      <Glance glance={view.atAGlance} names={view.languageNames} />

      <section aria-labelledby="services-heading">
        <h2 id="services-heading">{t("services.heading", { count: serviceCount })}</h2>
        {serviceCount === 0 ? <p>{t("services.none")}</p> : null}
        <ServerMarkup>
          {services?.map((service) => (
            <ServiceSection key={service.id} service={service} view={view} />
          ))}
        </ServerMarkup>
      </section>

      <div className="org-page__about">
        <ul className="tags">
          {organization.isCoalitionMember ? (
            <li>
              {organization.memberSinceText
                ? t("badges.memberSince", { date: organization.memberSinceText })
                : t("badges.member")}
            </li>
          ) : null}
          {organization.dojRecognized ? <li>{t("badges.dojRecognized")}</li> : null}
        </ul>
        <dl className="facts">
          <Fact label={t("search:results.lastVerified")}>
            <LastVerified text={organization.lastVerifiedText} stale={organization.stale} />
          </Fact>
        </dl>
        <div className="page-actions no-print">
          <PrintButton label={t("actions.print")} />
          <ShareButton title={organization.name} />
        </div>
      </div>

      {organization.description ? (
        <div className="org-page__description">
          <Localized value={organization.description} names={view.languageNamesInline} />
        </div>
      ) : null}

      <section aria-labelledby="contact-heading">
        <h2 id="contact-heading">{t("contact.heading")}</h2>
        <dl className="facts">
          {organization.phones.length > 0 ? (
            <Fact label={t("search:results.phone")}>
              <Phones phones={organization.phones} names={view.languageNames} />
            </Fact>
          ) : null}
          {organization.website ? (
            <Fact label={t("contact.website")}>
              <a href={organization.website} rel="noreferrer noopener">
                {organization.website}
              </a>
            </Fact>
          ) : null}
          {organization.email ? (
            <Fact label={t("contact.email")}>
              <a href={`mailto:${organization.email}`}>{organization.email}</a>
            </Fact>
          ) : null}
        </dl>
      </section>

      {view.locations.length > 0 ? (
        <section aria-labelledby="locations-heading">
          <h2 id="locations-heading">{t("location.heading")}</h2>
          {points.length > 0 ? (
            <div className="results__toolbar no-print">
              <MapToggle
                controls="org-map"
                open={mapOpen}
                onToggle={() => setMapOpen((open) => !open)}
              />
            </div>
          ) : null}
          {points.length > 0 ? (
            <MapPanel
              id="org-map"
              open={mapOpen}
              points={points}
              tiles={tiles}
              label={t("location.mapLabel", { name: organization.name })}
            />
          ) : null}
          <ul className="locations">
            {view.locations.map((location) => {
              const directions = directionsUrl(location);
              return (
                <li key={location.id} id={`location-${location.id}`} className="location">
                  {location.confidential || !location.address ? (
                    <>
                      <p className="location__name">{t("location.confidential")}</p>
                      <p>
                        {t("location.confidentialHelp", {
                          county: t(`vocabulary:county.${location.county}`),
                        })}
                      </p>
                    </>
                  ) : (
                    <>
                      {location.name ? (
                        <p className="location__name">
                          <bdi>{location.name}</bdi>
                        </p>
                      ) : null}
                      <address>
                        <bdi>{addressLine(location.address)}</bdi>
                      </address>
                      {location.approximateGeo ? (
                        <p className="hint">{t("location.approximatePin")}</p>
                      ) : null}
                      {directions ? (
                        <p className="no-print">
                          <a href={directions} rel="noreferrer noopener">
                            {t("location.directions")}
                          </a>{" "}
                          <span className="hint">{t("location.directionsHint")}</span>
                        </p>
                      ) : null}
                      {location.accessibility || location.transportation ? (
                        <dl className="facts">
                          {location.accessibility ? (
                            <Fact label={t("location.accessibility")}>
                              {location.accessibility}
                            </Fact>
                          ) : null}
                          {location.transportation ? (
                            <Fact label={t("location.transportation")}>
                              {location.transportation}
                            </Fact>
                          ) : null}
                        </dl>
                      ) : null}
                    </>
                  )}
                  {location.phonesFromOrganization ? (
                    <p className="hint">{t("location.organizationPhones")}</p>
                  ) : null}
                  <Phones phones={location.phones} names={view.languageNames} />
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      <Hotlines />
    </article>
  );
}
