import { and, asc, eq, inArray } from "drizzle-orm";
import {
  locations,
  organizations,
  organizationTranslations,
  phones,
  schedules,
  serviceAtLocation,
  serviceLanguages,
  services,
  serviceTaxonomy,
  serviceTranslations,
  taxonomyTerms,
  taxonomyTermTranslations,
} from "#db/schema";
import type { DbOrTx } from "~/db.server";
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

/** A listing's free text in the visitor's language, or in the original with `fallback` set. */
export interface LocalizedText {
  text: string;
  /** BCP-47 tag of the language `text` is written in (for the element's `lang`). */
  lang: string;
  /** True when no translation exists: the page says "(in English)" or the original language. */
  fallback: boolean;
}

export interface PhoneView {
  number: string;
  /** For `tel:` links: digits and a leading +. */
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
  accessibility: string | null;
  transportation: string | null;
  phones: PhoneView[];
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

/** Listings not confirmed by a person for this long are marked "not confirmed recently". */
export const STALE_AFTER_DAYS = 180;

function isStale(assuredDate: string | null, today: Date): boolean {
  if (!assuredDate) return true;
  return today.getTime() - Date.parse(`${assuredDate}T00:00:00Z`) > STALE_AFTER_DAYS * 86_400_000;
}

function localize(
  original: string | null | undefined,
  translated: string | null | undefined,
  originalLanguage: string,
  locale: string,
): LocalizedText | null {
  if (locale !== originalLanguage && translated?.trim()) {
    return { text: translated, lang: locale, fallback: false };
  }
  if (!original?.trim()) return null;
  return { text: original, lang: originalLanguage, fallback: locale !== originalLanguage };
}

function toPhoneView(row: typeof phones.$inferSelect): PhoneView {
  return {
    number: row.number,
    tel: row.number.replace(/[^0-9+]/g, ""),
    extension: row.extension,
    type: row.type,
    description: row.description,
    languages: row.languages,
  };
}

/**
 * Everything the public organization page shows, in the visitor's language: a published
 * organization and its active services. Undefined for unknown, draft and archived listings,
 * so the page answers 404 without revealing that a draft exists. Confidential locations come
 * without name, address or coordinates.
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

  const [orgTranslation] = await db
    .select()
    .from(organizationTranslations)
    .where(
      and(
        eq(organizationTranslations.organizationId, org.id),
        eq(organizationTranslations.locale, locale),
      ),
    )
    .limit(1);

  const serviceRows = await db
    .select()
    .from(services)
    .where(and(eq(services.organizationId, org.id), eq(services.status, "active")))
    .orderBy(asc(services.name));
  const serviceIds = serviceRows.map((service) => service.id);

  const phoneRows = await db
    .select()
    .from(phones)
    .where(eq(phones.organizationId, org.id))
    .orderBy(asc(phones.position), asc(phones.number));
  const [translations, categories, languages, hours, locationLinks] = serviceIds.length
    ? await Promise.all([
        db
          .select()
          .from(serviceTranslations)
          .where(
            and(
              inArray(serviceTranslations.serviceId, serviceIds),
              eq(serviceTranslations.locale, locale),
            ),
          ),
        db
          .select({
            serviceId: serviceTaxonomy.serviceId,
            code: taxonomyTerms.code,
            name: taxonomyTerms.name,
            translatedName: taxonomyTermTranslations.name,
          })
          .from(serviceTaxonomy)
          .innerJoin(taxonomyTerms, eq(serviceTaxonomy.termId, taxonomyTerms.id))
          .leftJoin(
            taxonomyTermTranslations,
            and(
              eq(taxonomyTermTranslations.termId, taxonomyTerms.id),
              eq(taxonomyTermTranslations.locale, locale),
            ),
          )
          .where(inArray(serviceTaxonomy.serviceId, serviceIds))
          .orderBy(asc(taxonomyTerms.position), asc(taxonomyTerms.code)),
        db
          .select()
          .from(serviceLanguages)
          .where(inArray(serviceLanguages.serviceId, serviceIds))
          .orderBy(asc(serviceLanguages.code)),
        db
          .select()
          .from(schedules)
          .where(inArray(schedules.serviceId, serviceIds))
          .orderBy(asc(schedules.weekday), asc(schedules.opensAt)),
        db
          .select({ serviceId: serviceAtLocation.serviceId, location: locations })
          .from(serviceAtLocation)
          .innerJoin(locations, eq(serviceAtLocation.locationId, locations.id))
          .where(inArray(serviceAtLocation.serviceId, serviceIds))
          .orderBy(asc(locations.city), asc(locations.address1)),
      ])
    : [[], [], [], [], []];

  const locationsById = new Map<string, LocationView>();
  for (const { location } of locationLinks) {
    if (locationsById.has(location.id)) continue;
    const hidden = location.confidential;
    const hasGeo = location.latitude !== null && location.longitude !== null;
    locationsById.set(location.id, {
      id: location.id,
      confidential: hidden,
      name: hidden ? null : location.name,
      address: hidden
        ? null
        : {
            line1: location.address1,
            line2: location.address2,
            city: location.city,
            state: location.stateProvince,
            postalCode: location.postalCode,
          },
      county: location.county as CountyCode,
      geo: !hidden && hasGeo ? { lat: location.latitude!, lng: location.longitude! } : null,
      accessibility: hidden ? null : location.accessibility,
      transportation: hidden ? null : location.transportation,
      phones: phoneRows
        .filter((phone) => phone.locationId === location.id && phone.serviceId === null)
        .map(toPhoneView),
    });
  }

  return {
    organization: {
      id: org.id,
      slug: org.slug,
      name: org.name,
      alternateName: org.alternateName,
      description: localize(org.description, orgTranslation?.description, original, locale),
      originalLanguage: original,
      email: org.email,
      website: org.website,
      isCoalitionMember: org.isCoalitionMember,
      memberSince: org.memberSince,
      dojRecognized: org.dojRecognized,
      lastVerified: org.assuredDate,
      stale: isStale(org.assuredDate, today),
      phones: phoneRows
        .filter((phone) => phone.serviceId === null && phone.locationId === null)
        .map(toPhoneView),
    },
    services: serviceRows.map((service): ServiceView => {
      const translation = translations.find((row) => row.serviceId === service.id);
      const text = (value: string | null, translated: string | null | undefined) =>
        localize(value, translated, original, locale);
      return {
        id: service.id,
        name: text(service.name, translation?.name) ?? {
          text: service.name,
          lang: original,
          fallback: false,
        },
        alternateName: service.alternateName,
        description: text(service.description, translation?.description),
        url: service.url,
        email: service.email,
        categories: categories
          .filter((row) => row.serviceId === service.id)
          .map((row) => ({ code: row.code as CategoryCode, name: row.translatedName ?? row.name })),
        languages: languages.filter((row) => row.serviceId === service.id).map((row) => row.code),
        fees: service.fees,
        feesDescription: text(service.feesDescription, translation?.feesDescription),
        eligibility: text(service.eligibilityDescription, translation?.eligibilityDescription),
        applicationProcess: text(service.applicationProcess, translation?.applicationProcess),
        acceptingNewClients: service.acceptingNewClients,
        takesDetainedCases: service.takesDetainedCases,
        deliveryMethods: service.deliveryMethods as DeliveryMethod[],
        populations: service.populations as Population[],
        courtsServed: service.courtsServed as Court[],
        providerTypes: service.providerTypes as ProviderType[],
        hours: hours
          .filter((row) => row.serviceId === service.id)
          .map((row) => ({
            weekday: row.weekday,
            opensAt: row.opensAt.slice(0, 5),
            closesAt: row.closesAt.slice(0, 5),
            locationId: row.locationId,
          })),
        phones: phoneRows.filter((phone) => phone.serviceId === service.id).map(toPhoneView),
        locationIds: locationLinks
          .filter((link) => link.serviceId === service.id)
          .map((link) => link.location.id),
        lastVerified: service.assuredDate,
        stale: isStale(service.assuredDate, today),
      };
    }),
    locations: [...locationsById.values()],
  };
}
