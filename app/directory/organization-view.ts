import {
  formatDate,
  hoursOn,
  inZone,
  languageNames,
  timeZoneName,
  weeklyHours,
  type DayHours,
} from "~/i18n/format";
import { calendarDayIn } from "./dates";
import type {
  LocationView,
  OrganizationPage,
  PhoneView,
  ServiceView,
} from "./organizations.server";

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

/** What a person needs to act, at the top of the page. */
export interface AtAGlance {
  /** The number to call: the organization's first voice or hotline number, else a service's. */
  call: PhoneView | null;
  /** The first public location with coordinates: a `geo:` link opens the phone's map app. */
  place: { lat: number; lng: number; address: string } | null;
  /** Today's hours over all services ("9:00 AM – 5:00 PM"); null: closed today. */
  hoursToday: string | null;
  /** Whether any hours are known at all (else "call for hours"). */
  hasHours: boolean;
  /** How many of the services take new clients, of how many. */
  accepting: { yes: number; of: number };
  /** Every language spoken by a service or on a phone line, by code. */
  languages: string[];
}

export interface OrganizationView {
  atAGlance: AtAGlance;
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
 * A `geo:` URI (RFC 5870) with the place named: the phone's own map app opens it, so nothing
 * is asked of a third party until the person chooses to.
 */
export function geoUri(place: { lat: number; lng: number; address: string }): string {
  const at = `${place.lat},${place.lng}`;
  return `geo:${at}?q=${encodeURIComponent(`${at}(${place.address})`)}`;
}

/** Ranges of one day, overlapping or touching ones merged ("9–1" and "12–5" → "9–5"). */
function mergedDay(rows: readonly DayHours[], weekday: number): DayHours[] {
  const day = rows.filter((row) => row.weekday === weekday);
  day.sort((a, b) => a.opensAt.localeCompare(b.opensAt));
  const merged: DayHours[] = [];
  for (const row of day) {
    const last = merged.at(-1);
    if (last && row.opensAt <= last.closesAt) {
      if (row.closesAt > last.closesAt) last.closesAt = row.closesAt;
    } else merged.push({ ...row });
  }
  return merged;
}

function atAGlance(page: OrganizationPage, intl: string, weekday: number): AtAGlance {
  const callable = (phone: PhoneView) => phone.type === "voice" || phone.type === "hotline";
  const call =
    page.organization.phones.find(callable) ??
    page.services.flatMap((service) => service.phones).find(callable) ??
    page.locations.flatMap((location) => location.phones).find(callable) ??
    null;
  const located = page.locations.find((location) => !location.confidential && location.geo);
  const allHours = page.services.flatMap((service) => service.hours);
  const languages = new Set<string>();
  for (const service of page.services) for (const code of service.languages) languages.add(code);
  for (const phone of page.organization.phones)
    for (const code of phone.languages) languages.add(code);
  return {
    call,
    place:
      located?.geo && located.address
        ? { ...located.geo, address: addressLine(located.address) }
        : null,
    hoursToday: hoursOn(mergedDay(allHours, weekday), weekday, intl),
    hasHours: allHours.length > 0,
    accepting: {
      yes: page.services.filter((service) => service.acceptingNewClients).length,
      of: page.services.length,
    },
    languages: [...languages],
  };
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
 * zone they are in, and "today" at the top is today where the organization's places are.
 */
export function presentOrganizationPage(
  page: OrganizationPage,
  intl: string,
  coalitionTimeZone: string,
  now: Date = new Date(),
): OrganizationView {
  const zoneOf = new Map(page.locations.map((location) => [location.id, location.timeZone]));
  const zoneNameOf = (zones: (string | undefined)[]) => {
    const distinct = [...new Set(zones.filter((zone) => zone !== undefined))];
    return distinct.length === 1 && distinct[0] !== coalitionTimeZone
      ? timeZoneName(distinct[0]!, intl)
      : null;
  };
  const placeZones = [...new Set(page.locations.map((location) => location.timeZone))];
  const weekday = calendarDayIn(
    placeZones.length === 1 ? placeZones[0]! : coalitionTimeZone,
    now,
  ).weekday;
  const codes = new Set<string>([page.organization.originalLanguage]);
  for (const service of page.services) {
    for (const code of service.languages) codes.add(code);
    for (const phone of service.phones) for (const code of phone.languages) codes.add(code);
  }
  for (const phone of page.organization.phones) for (const code of phone.languages) codes.add(code);
  return {
    atAGlance: atAGlance(page, intl, weekday),
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
