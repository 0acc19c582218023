import { pickLocalized } from "~/directory/service-view";
import type {
  PhoneRow,
  Placement,
  PublicLocation,
  PublicService,
  ScheduleRow,
} from "~/directory/service-view.server";
import { isCountyCode } from "#db/codes/counties";
import { COUNTIES } from "~/geo/counties";
import type { Locale } from "~/i18n/locales";
import { derivedId } from "./ids";
import { serviceAttributes, type TermEntry } from "./taxonomies.server";
import type {
  HsdsLanguage,
  HsdsLocation,
  HsdsLocationSummary,
  HsdsOrganizationSummary,
  HsdsPhone,
  HsdsSchedule,
  HsdsService,
  HsdsServiceAtLocation,
  HsdsServiceAtLocationSummary,
  HsdsServiceSummary,
} from "./types";

/*
 * Puente's public service view (app/directory/service-view.server.ts) as HSDS 3.0 objects.
 * Only what the public pages show: confidential locations keep their id and county-level
 * service areas but no name, address or coordinates; no account, author or reviewer appears.
 */

export interface HsdsContext {
  termsById: ReadonlyMap<string, TermEntry>;
  /** Language of taxonomy term names and, when set, of the free text (else the original). */
  locale: Locale;
  textLocale: Locale | undefined;
}

/** Leaves out empty values: the schemas type optional fields as strings, never null. */
function present<T extends Record<string, unknown>>(object: T): T {
  for (const key of Object.keys(object))
    if (object[key] === null || object[key] === undefined || object[key] === "") delete object[key];
  return object;
}

/** Only absolute http(s) URLs and plausible addresses: the schemas check `uri` and `email`. */
const uri = (value: string | null) => {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : undefined;
  } catch {
    return undefined;
  }
};
const email = (value: string | null) =>
  value && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? value : undefined;

const HSDS_PHONE_TYPES: Record<PhoneRow["type"], string> = {
  voice: "voice",
  hotline: "voice",
  text: "text",
  fax: "fax",
  tty: "textphone",
};
const BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;

const englishLanguageNames = new Intl.DisplayNames(["en"], { type: "language" });
function languageName(code: string): string | undefined {
  try {
    return englishLanguageNames.of(code);
  } catch {
    return undefined;
  }
}

function phoneLanguages(phone: PhoneRow): HsdsLanguage[] {
  return phone.languages.map((code) =>
    present({
      id: derivedId(`language:phone:${phone.id}:${code}`),
      phone_id: phone.id,
      code,
      name: languageName(code),
    }),
  );
}

export function hsdsPhone(phone: PhoneRow): HsdsPhone {
  return present({
    id: phone.id,
    organization_id: phone.organizationId,
    service_id: phone.serviceId ?? undefined,
    location_id: phone.locationId ?? undefined,
    number: phone.number,
    // HSDS 3.0 types the extension as a number.
    extension: phone.extension?.replace(/\D/g, "")
      ? Number(phone.extension.replace(/\D/g, ""))
      : undefined,
    type: HSDS_PHONE_TYPES[phone.type],
    description: phone.description ?? undefined,
    languages: phoneLanguages(phone),
  });
}

function hsdsSchedule(row: ScheduleRow): HsdsSchedule {
  return present({
    id: row.id,
    service_id: row.serviceId,
    location_id: row.locationId ?? undefined,
    freq: "WEEKLY" as const,
    wkst: "MO" as const,
    byday: BYDAY[row.weekday - 1]!,
    opens_at: row.opensAt.slice(0, 5),
    closes_at: row.closesAt.slice(0, 5),
    description: row.description ?? undefined,
  });
}

export function hsdsLocationSummary(
  location: PublicLocation,
  organizationId: string,
): HsdsLocationSummary {
  return present({
    id: location.id,
    location_type: "physical" as const,
    organization_id: organizationId,
    name: location.name ?? undefined,
    description: location.description ?? undefined,
    transportation: location.transportation ?? undefined,
    latitude: location.geo?.lat,
    longitude: location.geo?.lng,
  });
}

export function hsdsLocation(
  location: PublicLocation,
  organizationId: string,
  phones: readonly PhoneRow[],
): HsdsLocation {
  const { address } = location;
  return {
    ...hsdsLocationSummary(location, organizationId),
    addresses: address
      ? [
          present({
            id: derivedId(`address:${location.id}`),
            location_id: location.id,
            address_1: address.line1,
            address_2: address.line2 ?? undefined,
            city: address.city,
            state_province: address.state,
            postal_code: address.postalCode,
            country: address.country,
            address_type: "physical" as const,
          }),
        ]
      : [],
    accessibility: location.accessibility
      ? [
          {
            id: derivedId(`accessibility:${location.id}`),
            location_id: location.id,
            description: location.accessibility,
          },
        ]
      : [],
    phones: phones
      .filter((phone) => phone.locationId === location.id && phone.serviceId === null)
      .map(hsdsPhone),
    languages: [],
    schedules: [],
    contacts: [],
    attributes: [],
  };
}

export function hsdsOrganizationSummary(
  organization: PublicService["organization"],
  descriptions: Record<string, string>,
  textLocale: Locale | undefined,
): HsdsOrganizationSummary {
  const description = textLocale
    ? pickLocalized(descriptions, organization.originalLanguage, textLocale)?.text
    : organization.description;
  return present({
    id: organization.id,
    name: organization.name,
    alternate_name: organization.alternateName ?? undefined,
    description: description ?? "",
    email: email(organization.email),
    website: uri(organization.website),
  }) as HsdsOrganizationSummary;
}

/** When the service or anything shown with it last changed (HSDS last_modified). */
export function lastModified(record: PublicService): Date {
  const times = [
    record.service.updatedAt,
    record.organization.updatedAt,
    ...record.placements.map((placement) => placement.location.updatedAt),
    ...record.phones.map((phone) => phone.updatedAt),
    ...record.schedules.map((row) => row.updatedAt),
  ];
  return new Date(Math.max(...times.map((time) => time.getTime())));
}

export function hsdsServiceSummary(
  record: PublicService,
  context: HsdsContext,
): HsdsServiceSummary {
  const { service, organization, texts } = record;
  const text = (byLanguage: Record<string, string>, original: string | null) =>
    context.textLocale
      ? pickLocalized(byLanguage, organization.originalLanguage, context.textLocale)?.text
      : (original ?? undefined);
  return present({
    id: service.id,
    organization_id: organization.id,
    name: text(texts.name, service.name) ?? service.name,
    alternate_name: service.alternateName ?? undefined,
    description: text(texts.description, service.description),
    url: uri(service.url),
    email: email(service.email),
    status: "active" as const,
    application_process: text(texts.applicationProcess, service.applicationProcess),
    fees_description: text(texts.feesDescription, service.feesDescription),
    eligibility_description: text(texts.eligibility, service.eligibilityDescription),
    assured_date: record.lastVerified ?? undefined,
    last_modified: lastModified(record).toISOString(),
    organization: hsdsOrganizationSummary(
      organization,
      record.organizationDescriptions,
      context.textLocale,
    ),
  });
}

function serviceAreas(record: PublicService): HsdsService["service_areas"] {
  return record.areas.map((area) => ({
    id: area.id,
    service_id: record.service.id,
    name: area.statewide
      ? "New York State"
      : area.county && isCountyCode(area.county)
        ? `${COUNTIES[area.county].name} County`
        : (area.county ?? ""),
    extent_type: area.statewide ? "state" : "county",
  }));
}

export function hsdsServiceAtLocationFor(
  record: PublicService,
  placement: Placement,
  context: HsdsContext,
  options: { withService?: boolean } = {},
): HsdsServiceAtLocation {
  return {
    id: placement.id,
    service_id: record.service.id,
    location_id: placement.location.id,
    location: hsdsLocation(placement.location, record.organization.id, record.phones),
    phones: [],
    schedules: record.schedules
      .filter((row) => row.locationId === placement.location.id)
      .map(hsdsSchedule),
    contacts: [],
    attributes: [],
    ...(options.withService ? { service: hsdsService(record, context) } : {}),
  };
}

/** The fully nested service (HSDS compiled/service.json). */
export function hsdsService(record: PublicService, context: HsdsContext): HsdsService {
  return {
    ...hsdsServiceSummary(record, context),
    phones: record.phones.filter((phone) => phone.serviceId === record.service.id).map(hsdsPhone),
    schedules: record.schedules.filter((row) => row.locationId === null).map(hsdsSchedule),
    service_areas: serviceAreas(record),
    service_at_locations: record.placements.map((placement) =>
      hsdsServiceAtLocationFor(record, placement, context),
    ),
    languages: record.languages.map((language) =>
      present({
        id: derivedId(`language:service:${record.service.id}:${language.code}`),
        service_id: record.service.id,
        code: language.code,
        name: languageName(language.code),
        note: language.note ?? undefined,
      }),
    ),
    attributes: serviceAttributes(record, context.termsById, context.locale),
    funding: [],
    cost_options: [],
    required_documents: [],
    contacts: [],
  };
}

export function hsdsServiceAtLocationSummary(
  record: PublicService,
  placement: Placement,
  context: HsdsContext,
): HsdsServiceAtLocationSummary {
  return {
    id: placement.id,
    service_id: record.service.id,
    location_id: placement.location.id,
    location: hsdsLocationSummary(placement.location, record.organization.id),
    service: hsdsServiceSummary(record, context),
  };
}
