import { formatDate, inZone, languageNames, timeZoneName, weeklyHours } from "~/i18n/format";
import { calendarDayIn } from "./dates";
import type { LocationView, OrganizationPage, ServiceView } from "./organizations.server";

/*
 * The organization page's data with dates, hours and language names already formatted for
 * the visitor (on the server, so the browser renders exactly the same text when hydrating).
 */

export interface ServiceDisplay extends Omit<ServiceView, "hours"> {
  hours: { locationId: string | null; lines: { days: string; hours: string }[] }[];
  lastVerifiedText: string | null;
  /** The day taking new clients last changed, in the coalition's zone ("3 December 2026"). */
  availabilitySinceText: string | null;
}

export interface OrganizationView {
  organization: OrganizationPage["organization"] & {
    lastVerifiedText: string | null;
    memberSinceText: string | null;
  };
  services: ServiceDisplay[];
  locations: LocationView[];
  /** Capitalized, for lists: "Español". */
  languageNames: Record<string, string>;
  /** Inside a sentence, for "(in English)" / "(en inglés)". */
  languageNamesInline: Record<string, string>;
}

/** One line of address, e.g. "40-10 Junction Blvd, Corona, NY 11368". */
export function addressLine(address: NonNullable<LocationView["address"]>): string {
  return [address.line1, address.line2, address.city, `${address.state} ${address.postalCode}`]
    .filter(Boolean)
    .join(", ");
}

/**
 * OpenStreetMap directions with only the destination filled in: the visitor's starting point
 * is typed there (or not at all), never sent by Puente.
 */
export function directionsUrl(location: LocationView): string | null {
  const destination = location.geo
    ? `${location.geo.lat},${location.geo.lng}`
    : location.address
      ? addressLine(location.address)
      : null;
  if (!destination) return null;
  return `https://www.openstreetmap.org/directions?to=${encodeURIComponent(destination)}`;
}

/**
 * `coalitionTimeZone`: hours kept in another zone (a location in another state) say which
 * zone they are in.
 */
export function presentOrganizationPage(
  page: OrganizationPage,
  intl: string,
  coalitionTimeZone: string,
): OrganizationView {
  const zoneOf = new Map(page.locations.map((location) => [location.id, location.timeZone]));
  const zoneNameOf = (zones: (string | undefined)[]) => {
    const distinct = [...new Set(zones.filter((zone) => zone !== undefined))];
    return distinct.length === 1 && distinct[0] !== coalitionTimeZone
      ? timeZoneName(distinct[0]!, intl)
      : null;
  };
  const codes = new Set<string>([page.organization.originalLanguage]);
  for (const service of page.services) {
    for (const code of service.languages) codes.add(code);
    for (const phone of service.phones) for (const code of phone.languages) codes.add(code);
  }
  for (const phone of page.organization.phones) for (const code of phone.languages) codes.add(code);
  return {
    organization: {
      ...page.organization,
      lastVerifiedText: page.organization.lastVerified
        ? formatDate(page.organization.lastVerified, intl)
        : null,
      memberSinceText: page.organization.memberSince
        ? formatDate(page.organization.memberSince, intl)
        : null,
    },
    services: page.services.map(({ hours, ...service }) => {
      const byLocation = new Map<string | null, typeof hours>();
      for (const row of hours) {
        byLocation.set(row.locationId, [...(byLocation.get(row.locationId) ?? []), row]);
      }
      return {
        ...service,
        hours: [...byLocation.entries()].map(([locationId, rows]) => {
          // Hours for every location: named when all of them keep the same other zone.
          const zone = zoneNameOf(
            locationId ? [zoneOf.get(locationId)] : service.locationIds.map((id) => zoneOf.get(id)),
          );
          return {
            locationId,
            lines: weeklyHours(rows, intl).map((line) => ({
              ...line,
              hours: inZone(line.hours, zone),
            })),
          };
        }),
        lastVerifiedText: service.lastVerified ? formatDate(service.lastVerified, intl) : null,
        availabilitySinceText: service.availabilityChangedAt
          ? formatDate(
              calendarDayIn(coalitionTimeZone, new Date(service.availabilityChangedAt)).isoDate,
              intl,
            )
          : null,
      };
    }),
    locations: page.locations,
    languageNames: languageNames(codes, intl),
    languageNamesInline: languageNames(codes, intl, { capitalize: false }),
  };
}
