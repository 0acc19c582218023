import { and, asc, eq, sql, type AnyColumn, type SQL } from "drizzle-orm";
import {
  locations,
  organizationTranslations,
  organizations,
  phones,
  schedules,
  serviceAreas,
  serviceAtLocation,
  serviceLanguages,
  serviceTaxonomy,
  serviceTranslations,
  services,
  taxonomyTermTranslations,
  taxonomyTerms,
} from "#db/schema";
import type { DbOrTx } from "~/db.server";
import { coalition } from "~/coalition.server";

/*
 * Everything the public may know about a service, read in one place: the search documents,
 * the organization page and the HSDS API/export are views of these records. Only published
 * organizations and active services; confidential locations arrive without name, address,
 * coordinates or directions, so no view can leak them.
 */

export type ServiceRow = typeof services.$inferSelect;
export type OrganizationRow = typeof organizations.$inferSelect;
export type PhoneRow = typeof phones.$inferSelect;
export type ScheduleRow = typeof schedules.$inferSelect;
export type ServiceAreaRow = typeof serviceAreas.$inferSelect;

export interface PublicAddress {
  line1: string;
  line2: string | null;
  city: string;
  state: string;
  postalCode: string;
  country: string;
}

export interface PublicLocation {
  id: string;
  confidential: boolean;
  /** Null for confidential locations (shelters, safe houses): "call for the address". */
  name: string | null;
  description: string | null;
  address: PublicAddress | null;
  /** County FIPS code: kept for confidential locations (it is what makes them findable). */
  county: string;
  geo: { lat: number; lng: number } | null;
  /** The IANA zone its hours are kept in (its own, else the coalition's). */
  timeZone: string;
  accessibility: string | null;
  transportation: string | null;
  updatedAt: Date;
}

export interface Placement {
  /** The service_at_location id (HSDS service_at_location.id). */
  id: string;
  location: PublicLocation;
}

/** A service's free-text fields by BCP-47 tag; the original text sits under its language. */
export interface ServiceTexts {
  name: Record<string, string>;
  description: Record<string, string>;
  eligibility: Record<string, string>;
  applicationProcess: Record<string, string>;
  feesDescription: Record<string, string>;
}

export interface PublicService {
  service: ServiceRow;
  organization: OrganizationRow;
  texts: ServiceTexts;
  organizationDescriptions: Record<string, string>;
  /** Ordered by city, street, id. */
  placements: Placement[];
  /**
   * Phones that reach this service: the organization's general lines, the service's own, and
   * those of its locations (other services' lines are left out). Ordered by position.
   */
  phones: PhoneRow[];
  /** Ordered by weekday and opening time; `locationId` null means at every location. */
  schedules: ScheduleRow[];
  languages: { code: string; note: string | null }[];
  areas: ServiceAreaRow[];
  termIds: string[];
  /** The service's assured date, else the organization's (HSDS assured_date). */
  lastVerified: string | null;
}

/**
 * `column = ANY('{...}'::uuid[])`: one parameter however many ids (an IN list of a thousand
 * parameters took twice as long to plan and run).
 */
export function anyId(column: AnyColumn | SQL, ids: readonly string[]): SQL {
  return sql`${column} = ANY(${`{${ids.join(",")}}`}::uuid[])`;
}

export function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

export function publicLocation(location: typeof locations.$inferSelect): PublicLocation {
  const hidden = location.confidential;
  const hasGeo = location.latitude !== null && location.longitude !== null;
  return {
    id: location.id,
    confidential: hidden,
    name: hidden ? null : location.name,
    description: hidden ? null : location.description,
    address: hidden
      ? null
      : {
          line1: location.address1,
          line2: location.address2,
          city: location.city,
          state: location.stateProvince,
          postalCode: location.postalCode,
          country: location.country,
        },
    county: location.county,
    geo: !hidden && hasGeo ? { lat: location.latitude!, lng: location.longitude! } : null,
    timeZone: location.timeZone ?? coalition().timeZone,
    accessibility: hidden ? null : location.accessibility,
    transportation: hidden ? null : location.transportation,
    updatedAt: location.updatedAt,
  };
}

function textsByLanguage(
  original: string,
  originalText: string | null,
  translations: { locale: string; text: string | null }[],
): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const { locale, text } of translations) if (text?.trim()) texts[locale] = text;
  if (originalText?.trim()) texts[original] = originalText;
  else delete texts[original];
  return texts;
}

/**
 * The public records of the given services (or of every service of the given organizations),
 * in a fixed number of set-based queries whatever their count. Services that are not active,
 * or whose organization is not published, are left out. Ordered by service name, then id.
 */
export async function loadPublicServices(
  db: DbOrTx,
  scope: { serviceIds: readonly string[] } | { organizationIds: readonly string[] },
): Promise<PublicService[]> {
  const ids = [...new Set("serviceIds" in scope ? scope.serviceIds : scope.organizationIds)];
  if (ids.length === 0) return [];
  const rows = await db
    .select({ service: services, organization: organizations })
    .from(services)
    .innerJoin(organizations, eq(organizations.id, services.organizationId))
    .where(
      and(
        "serviceIds" in scope ? anyId(services.id, ids) : anyId(services.organizationId, ids),
        eq(services.status, "active"),
        eq(organizations.status, "published"),
      ),
    )
    .orderBy(asc(services.name), asc(services.id));
  if (rows.length === 0) return [];

  const serviceIds = rows.map((row) => row.service.id);
  const organizationIds = [...new Set(rows.map((row) => row.organization.id))];
  const [
    serviceTexts,
    organizationTexts,
    placements,
    phoneRows,
    scheduleRows,
    languageRows,
    areaRows,
    taxonomyRows,
  ] = await Promise.all([
    db.select().from(serviceTranslations).where(anyId(serviceTranslations.serviceId, serviceIds)),
    db
      .select()
      .from(organizationTranslations)
      .where(anyId(organizationTranslations.organizationId, organizationIds)),
    db
      .select({
        id: serviceAtLocation.id,
        serviceId: serviceAtLocation.serviceId,
        location: locations,
      })
      .from(serviceAtLocation)
      .innerJoin(locations, eq(locations.id, serviceAtLocation.locationId))
      .where(anyId(serviceAtLocation.serviceId, serviceIds))
      .orderBy(asc(locations.city), asc(locations.address1), asc(locations.id)),
    db
      .select()
      .from(phones)
      .where(anyId(phones.organizationId, organizationIds))
      .orderBy(asc(phones.position), asc(phones.createdAt), asc(phones.id)),
    db
      .select()
      .from(schedules)
      .where(anyId(schedules.serviceId, serviceIds))
      .orderBy(asc(schedules.weekday), asc(schedules.opensAt), asc(schedules.id)),
    db
      .select()
      .from(serviceLanguages)
      .where(anyId(serviceLanguages.serviceId, serviceIds))
      .orderBy(asc(serviceLanguages.code)),
    db
      .select()
      .from(serviceAreas)
      .where(anyId(serviceAreas.serviceId, serviceIds))
      .orderBy(asc(serviceAreas.county)),
    db
      .select({ serviceId: serviceTaxonomy.serviceId, termId: serviceTaxonomy.termId })
      .from(serviceTaxonomy)
      .where(anyId(serviceTaxonomy.serviceId, serviceIds)),
  ]);

  const serviceTextsById = groupBy(serviceTexts, (row) => row.serviceId);
  const organizationTextsById = groupBy(organizationTexts, (row) => row.organizationId);
  const placementsById = groupBy(placements, (row) => row.serviceId);
  const phonesByOrganization = groupBy(phoneRows, (row) => row.organizationId);
  const schedulesById = groupBy(scheduleRows, (row) => row.serviceId);
  const languagesById = groupBy(languageRows, (row) => row.serviceId);
  const areasById = groupBy(areaRows, (row) => row.serviceId);
  const termsById = groupBy(taxonomyRows, (row) => row.serviceId);

  return rows.map(({ service, organization }) => {
    const original = organization.originalLanguage;
    const translations = serviceTextsById.get(service.id) ?? [];
    const field = (
      originalText: string | null,
      pick: (row: (typeof translations)[number]) => string | null,
    ) =>
      textsByLanguage(
        original,
        originalText,
        translations.map((row) => ({ locale: row.locale, text: pick(row) })),
      );
    const servicePlacements = (placementsById.get(service.id) ?? []).map((row) => ({
      id: row.id,
      location: publicLocation(row.location),
    }));
    const locationIds = new Set(servicePlacements.map((placement) => placement.location.id));
    return {
      service,
      organization,
      texts: {
        name: field(service.name, (row) => row.name),
        description: field(service.description, (row) => row.description),
        eligibility: field(service.eligibilityDescription, (row) => row.eligibilityDescription),
        applicationProcess: field(service.applicationProcess, (row) => row.applicationProcess),
        feesDescription: field(service.feesDescription, (row) => row.feesDescription),
      },
      organizationDescriptions: textsByLanguage(
        original,
        organization.description,
        (organizationTextsById.get(organization.id) ?? []).map((row) => ({
          locale: row.locale,
          text: row.description,
        })),
      ),
      placements: servicePlacements,
      phones: (phonesByOrganization.get(organization.id) ?? []).filter((phone) =>
        phone.serviceId !== null
          ? phone.serviceId === service.id
          : phone.locationId === null || locationIds.has(phone.locationId),
      ),
      schedules: schedulesById.get(service.id) ?? [],
      languages: (languagesById.get(service.id) ?? []).map((row) => ({
        code: row.code,
        note: row.note,
      })),
      areas: areasById.get(service.id) ?? [],
      termIds: (termsById.get(service.id) ?? []).map((row) => row.termId),
      lastVerified: service.assuredDate ?? organization.assuredDate ?? null,
    };
  });
}

export interface TaxonomyTermText {
  id: string;
  code: string;
  taxonomy: string;
  parentId: string | null;
  position: number;
  /** Name in every language it has, English ("en") always present. */
  names: Record<string, string>;
  description: string;
  keywords: Record<string, string[]>;
  updatedAt: Date;
}

/** Category terms with their names and search words in every locale (a small table, read whole). */
export async function loadTaxonomyTermTexts(db: DbOrTx): Promise<Map<string, TaxonomyTermText>> {
  const [terms, translations] = await Promise.all([
    db.select().from(taxonomyTerms).orderBy(asc(taxonomyTerms.code)),
    db
      .select()
      .from(taxonomyTermTranslations)
      .orderBy(asc(taxonomyTermTranslations.termId), asc(taxonomyTermTranslations.locale)),
  ]);
  const byId = new Map<string, TaxonomyTermText>();
  for (const term of terms)
    byId.set(term.id, {
      id: term.id,
      code: term.code,
      taxonomy: term.taxonomy,
      parentId: term.parentId,
      position: term.position,
      names: {},
      description: term.description,
      keywords: {},
      updatedAt: term.updatedAt,
    });
  for (const translation of translations) {
    const term = byId.get(translation.termId);
    if (!term) continue;
    term.names[translation.locale] = translation.name;
    if (translation.keywords.length > 0) term.keywords[translation.locale] = translation.keywords;
  }
  for (const term of terms) byId.get(term.id)!.names.en ??= term.name;
  return byId;
}
