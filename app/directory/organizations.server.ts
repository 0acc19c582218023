import { lookupZip } from "~/geo/zips.server";
import { and, asc, eq } from "drizzle-orm";
import { organizations, organizationTranslations, phones } from "#db/schema";
import { isListingStale } from "~/coalition.server";
import type { DbOrTx } from "~/db.server";
import { pickLocalized, telOf, type LocalizedText } from "./service-view";
import {
  loadPublicServices,
  loadTaxonomyTermTexts,
  type PhoneRow,
  type PublicLocation,
} from "./service-view.server";
import type { CategoryCode } from "#db/codes/categories";
import type { CountyCode } from "#db/codes/counties";
import type {
  Court,
  DeliveryMethod,
  FeeType,
  PhoneType,
  Population,
  ProviderType,
} from "#db/codes/directory";

export type { LocalizedText };

export interface PhoneView {
  number: string;
  /** For `tel:` links: "+17185550101", with ";ext=12" when there is an extension. */
  tel: string;
  extension: string | null;
  type: PhoneType;
  description: string | null;
  languages: string[];
}

export interface LocationView {
  id: string;
  confidential: boolean;
  /** Null for confidential locations (shelters, safe houses): "call for the address". */
  name: string | null;
  address: {
    line1: string;
    line2: string | null;
    city: string;
    state: string;
    postalCode: string;
  } | null;
  county: CountyCode;
  geo: { lat: number; lng: number } | null;
  /** The IANA zone its hours are kept in. */
  timeZone: string;
  /** The pin sits at the middle of the ZIP code (nobody placed it at the address). */
  approximateGeo: boolean;
  accessibility: string | null;
  transportation: string | null;
  /** The location's own lines, else the organization's general lines. */
  phones: PhoneView[];
  phonesFromOrganization: boolean;
}

export interface ServiceHours {
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  opensAt: string;
  closesAt: string;
  /** Null: the hours apply at every location of the service. */
  locationId: string | null;
}

export interface ServiceView {
  id: string;
  name: LocalizedText;
  alternateName: string | null;
  description: LocalizedText | null;
  url: string | null;
  email: string | null;
  categories: { code: CategoryCode; name: string }[];
  languages: string[];
  fees: FeeType;
  feesDescription: LocalizedText | null;
  eligibility: LocalizedText | null;
  applicationProcess: LocalizedText | null;
  acceptingNewClients: boolean;
  /** ISO date-time taking new clients or being open last changed (null: never recorded). */
  availabilityChangedAt: string | null;
  takesDetainedCases: boolean;
  deliveryMethods: DeliveryMethod[];
  populations: Population[];
  courtsServed: Court[];
  providerTypes: ProviderType[];
  hours: ServiceHours[];
  phones: PhoneView[];
  locationIds: string[];
  lastVerified: string | null;
  stale: boolean;
}

export interface OrganizationPage {
  organization: {
    id: string;
    slug: string;
    name: string;
    alternateName: string | null;
    description: LocalizedText | null;
    originalLanguage: string;
    email: string | null;
    website: string | null;
    isCoalitionMember: boolean;
    memberSince: string | null;
    dojRecognized: boolean;
    lastVerified: string | null;
    stale: boolean;
    phones: PhoneView[];
  };
  services: ServiceView[];
  /** Every location where one of the services is offered, in a stable order. */
  locations: LocationView[];
}

function toPhoneView(row: PhoneRow): PhoneView {
  return {
    number: row.number,
    tel: telOf(row.number, row.extension),
    extension: row.extension,
    type: row.type,
    description: row.description,
    languages: row.languages,
  };
}

/** True when the point is the ZIP code's centre: placed from the ZIP code, not the address. */
export function isZipCentre(postalCode: string, geo: { lat: number; lng: number } | null): boolean {
  if (!geo) return false;
  const zip = lookupZip(postalCode.slice(0, 5));
  if (!zip) return false;
  return Math.abs(zip.latitude - geo.lat) < 1e-6 && Math.abs(zip.longitude - geo.lng) < 1e-6;
}

function toLocationView(location: PublicLocation, phoneRows: PhoneRow[]): LocationView {
  const own = phoneRows.filter(
    (phone) => phone.locationId === location.id && phone.serviceId === null,
  );
  const general = phoneRows.filter(
    (phone) => phone.locationId === null && phone.serviceId === null,
  );
  return {
    id: location.id,
    confidential: location.confidential,
    name: location.name,
    address: location.address && {
      line1: location.address.line1,
      line2: location.address.line2,
      city: location.address.city,
      state: location.address.state,
      postalCode: location.address.postalCode,
    },
    county: location.county as CountyCode,
    geo: location.geo,
    timeZone: location.timeZone,
    approximateGeo: location.address
      ? isZipCentre(location.address.postalCode, location.geo)
      : false,
    accessibility: location.accessibility,
    transportation: location.transportation,
    phones: (own.length > 0 ? own : general).map(toPhoneView),
    phonesFromOrganization: own.length === 0 && general.length > 0,
  };
}

/**
 * Everything the public organization page shows, in the visitor's language: a published
 * organization and its active services, read through the shared service view
 * (service-view.server.ts). Undefined for unknown, draft and archived listings, so the page
 * answers 404 without revealing that a draft exists. Confidential locations come without
 * name, address or coordinates.
 */
export async function getPublishedOrganizationPage(
  db: DbOrTx,
  slug: string,
  locale: string,
  today: Date = new Date(),
): Promise<OrganizationPage | undefined> {
  const [org] = await db
    .select()
    .from(organizations)
    .where(and(eq(organizations.slug, slug), eq(organizations.status, "published")))
    .limit(1);
  if (!org) return undefined;
  const original = org.originalLanguage;

  const [orgTranslations, phoneRows, records, terms] = await Promise.all([
    db
      .select()
      .from(organizationTranslations)
      .where(eq(organizationTranslations.organizationId, org.id)),
    db
      .select()
      .from(phones)
      .where(eq(phones.organizationId, org.id))
      .orderBy(asc(phones.position), asc(phones.createdAt), asc(phones.id)),
    loadPublicServices(db, { organizationIds: [org.id] }),
    loadTaxonomyTermTexts(db),
  ]);
  const organizationDescriptions: Record<string, string> = {};
  for (const row of orgTranslations) organizationDescriptions[row.locale] = row.description;
  if (org.description.trim()) organizationDescriptions[original] = org.description;
  else delete organizationDescriptions[original];

  const locationsById = new Map<string, LocationView>();
  for (const record of records)
    for (const { location } of record.placements)
      if (!locationsById.has(location.id))
        locationsById.set(location.id, toLocationView(location, phoneRows));
  const placeOrder = (location: LocationView) =>
    location.address ? `0 ${location.address.city} ${location.address.line1}` : "1";
  const locationViews = [...locationsById.values()].sort(
    (a, b) => placeOrder(a).localeCompare(placeOrder(b), "en") || a.id.localeCompare(b.id),
  );

  return {
    organization: {
      id: org.id,
      slug: org.slug,
      name: org.name,
      alternateName: org.alternateName,
      description: pickLocalized(organizationDescriptions, original, locale),
      originalLanguage: original,
      email: org.email,
      website: org.website,
      isCoalitionMember: org.isCoalitionMember,
      memberSince: org.memberSince,
      dojRecognized: org.dojRecognized,
      lastVerified: org.assuredDate,
      stale: isListingStale(org.assuredDate, today),
      phones: phoneRows
        .filter((phone) => phone.serviceId === null && phone.locationId === null)
        .map(toPhoneView),
    },
    services: records.map(({ service, texts, ...record }): ServiceView => {
      const text = (texts: Record<string, string>) => pickLocalized(texts, original, locale);
      const serviceTerms = record.termIds
        .map((termId) => terms.get(termId))
        .filter((term) => term !== undefined)
        .sort((a, b) => a.position - b.position || a.code.localeCompare(b.code));
      return {
        id: service.id,
        name: text(texts.name) ?? { text: service.name, lang: original, fallback: false },
        alternateName: service.alternateName,
        description: text(texts.description),
        url: service.url,
        email: service.email,
        categories: serviceTerms.map((term) => ({
          code: term.code as CategoryCode,
          name: pickLocalized(term.names, "en", locale)!.text,
        })),
        languages: record.languages.map((language) => language.code),
        fees: service.fees,
        feesDescription: text(texts.feesDescription),
        eligibility: text(texts.eligibility),
        applicationProcess: text(texts.applicationProcess),
        acceptingNewClients: service.acceptingNewClients,
        availabilityChangedAt: service.availabilityChangedAt?.toISOString() ?? null,
        takesDetainedCases: service.takesDetainedCases,
        deliveryMethods: service.deliveryMethods as DeliveryMethod[],
        populations: service.populations as Population[],
        courtsServed: service.courtsServed as Court[],
        providerTypes: service.providerTypes as ProviderType[],
        hours: record.schedules.map((row) => ({
          weekday: row.weekday,
          opensAt: row.opensAt.slice(0, 5),
          closesAt: row.closesAt.slice(0, 5),
          locationId: row.locationId,
        })),
        phones: record.phones.filter((phone) => phone.serviceId === service.id).map(toPhoneView),
        locationIds: record.placements.map((placement) => placement.location.id),
        lastVerified: record.lastVerified,
        stale: isListingStale(record.lastVerified, today),
      };
    }),
    locations: locationViews,
  };
}
