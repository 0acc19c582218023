import { and, asc, eq, inArray, isNotNull, isNull, notInArray } from "drizzle-orm";
import {
  locations,
  organizations,
  organizationTranslations,
  phones,
  schedules,
  serviceAreas,
  serviceAtLocation,
  serviceLanguages,
  services,
  serviceTaxonomy,
  taxonomyTerms,
} from "#db/schema";
import type { Resource } from "~/accounts/permissions";
import type { Transaction } from "~/db.server";
import type { SearchEntity } from "~/search-outbox/outbox.server";
import { DomainError } from "~/http/errors";
import { applyChanges } from "./fields";
import type {
  EntityFields,
  EntityType,
  HoursRow,
  LocationFields,
  OrganizationFields,
  PhoneFields,
  ServiceFields,
} from "./fields";
import { isCategoryCode, type CategoryCode } from "#db/codes/categories";
import { isCountyCode, type CountyCode } from "#db/codes/counties";
import { coalitionToday } from "~/coalition.server";
import { timeZoneOfPlace } from "~/geo/time-zones.server";

/*
 * How each part of a listing is read as editable fields and written back. Change sets,
 * direct edits and approvals all go through these, so a proposal applies exactly like an edit.
 */

export interface Loaded<F> {
  organizationId: string;
  fields: F;
}

export interface EntityHandler<F> {
  /** The resource the permission module knows this entity as. */
  resource: Resource;
  load(tx: Transaction, id: string): Promise<Loaded<F> | undefined>;
  /** Writes the changes (all fields when creating); returns the entity's id. */
  apply(
    tx: Transaction,
    input: {
      id: string | null;
      organizationId: string;
      before: F | null;
      changes: Partial<F>;
      /** When creating: the id to give the new row (an import keeps its source's ids). */
      newId?: string;
    },
  ): Promise<string>;
  delete?(tx: Transaction, id: string): Promise<void>;
  /** The search documents to rebuild after a write. */
  searchEntities(id: string, organizationId: string, fields: Array<F | null>): SearchEntity[];
}

const has = <F extends object>(changes: Partial<F>, field: keyof F) =>
  Object.hasOwn(changes, field) && changes[field] !== undefined;

/** Copies the listed fields that are present in `changes` into a column update. */
function pick<F extends object>(changes: Partial<F>, fields: ReadonlyArray<keyof F>) {
  const values: Record<string, unknown> = {};
  for (const field of fields) if (has(changes, field)) values[field as string] = changes[field];
  return values;
}

// --- organization -------------------------------------------------------------------------

const ORGANIZATION_COLUMNS = [
  "name",
  "alternateName",
  "description",
  "originalLanguage",
  "website",
  "email",
] as const satisfies ReadonlyArray<keyof OrganizationFields>;

const organizationHandler: EntityHandler<OrganizationFields> = {
  resource: "organization",
  async load(tx, id) {
    const [row] = await tx.select().from(organizations).where(eq(organizations.id, id));
    if (!row) return undefined;
    const translations = await tx
      .select({
        locale: organizationTranslations.locale,
        description: organizationTranslations.description,
      })
      .from(organizationTranslations)
      .where(eq(organizationTranslations.organizationId, id))
      .orderBy(asc(organizationTranslations.locale));
    return {
      organizationId: row.id,
      fields: {
        name: row.name,
        alternateName: row.alternateName,
        description: row.description,
        originalLanguage: row.originalLanguage,
        website: row.website,
        email: row.email,
        translations: Object.fromEntries(translations.map((t) => [t.locale, t.description])),
      },
    };
  },
  async apply(tx, { id, changes }) {
    if (!id) throw new Error("Organizations are created by staff, not through change sets");
    const values = pick(changes, ORGANIZATION_COLUMNS);
    if (Object.keys(values).length > 0) {
      await tx.update(organizations).set(values).where(eq(organizations.id, id));
    }
    for (const [locale, description] of Object.entries(changes.translations ?? {})) {
      const where = and(
        eq(organizationTranslations.organizationId, id),
        eq(organizationTranslations.locale, locale),
      );
      if (description === null) {
        await tx.delete(organizationTranslations).where(where);
      } else {
        await tx
          .insert(organizationTranslations)
          .values({ organizationId: id, locale, description })
          .onConflictDoUpdate({
            target: [organizationTranslations.organizationId, organizationTranslations.locale],
            set: { description, updatedAt: new Date() },
          });
      }
    }
    return id;
  },
  searchEntities: (id) => [{ entityType: "organization", entityId: id }],
};

// --- service ------------------------------------------------------------------------------

const SERVICE_COLUMNS = [
  "name",
  "alternateName",
  "description",
  "url",
  "email",
  "status",
  "fees",
  "feesDescription",
  "eligibilityDescription",
  "applicationProcess",
  "acceptingNewClients",
  "takesDetainedCases",
  "deliveryMethods",
  "providerTypes",
  "populations",
  "courtsServed",
] as const satisfies ReadonlyArray<keyof ServiceFields>;

/** Ids that arrive in a form are only accepted when they belong to the same organization. */
async function assertLocationsOf(tx: Transaction, organizationId: string, ids: string[]) {
  if (ids.length === 0) return;
  const found = await tx
    .select({ id: locations.id })
    .from(locations)
    .where(and(inArray(locations.id, ids), eq(locations.organizationId, organizationId)));
  if (found.length !== new Set(ids).size)
    throw new DomainError(404, "formErrors.invalidReference", "portal");
}

async function assertServicesOf(tx: Transaction, organizationId: string, ids: string[]) {
  if (ids.length === 0) return;
  const found = await tx
    .select({ id: services.id })
    .from(services)
    .where(and(inArray(services.id, ids), eq(services.organizationId, organizationId)));
  if (found.length !== new Set(ids).size)
    throw new DomainError(404, "formErrors.invalidReference", "portal");
}

async function termIds(tx: Transaction, codes: CategoryCode[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await tx
    .select({ id: taxonomyTerms.id, code: taxonomyTerms.code })
    .from(taxonomyTerms)
    .where(inArray(taxonomyTerms.code, codes));
  if (rows.length !== new Set(codes).size)
    throw new DomainError(400, "formErrors.unknownCategory", "portal");
  return rows.map((row) => row.id);
}

function timeOfDay(value: string): string {
  return value.slice(0, 5);
}

const serviceHandler: EntityHandler<ServiceFields> = {
  resource: "service",
  async load(tx, id) {
    const [row] = await tx.select().from(services).where(eq(services.id, id));
    if (!row) return undefined;
    const [categories, languages, areas, at, hours] = await Promise.all([
      tx
        .select({ code: taxonomyTerms.code })
        .from(serviceTaxonomy)
        .innerJoin(taxonomyTerms, eq(taxonomyTerms.id, serviceTaxonomy.termId))
        .where(eq(serviceTaxonomy.serviceId, id)),
      tx
        .select({ code: serviceLanguages.code })
        .from(serviceLanguages)
        .where(eq(serviceLanguages.serviceId, id)),
      tx
        .select({ statewide: serviceAreas.statewide, county: serviceAreas.county })
        .from(serviceAreas)
        .where(eq(serviceAreas.serviceId, id)),
      tx
        .select({ locationId: serviceAtLocation.locationId })
        .from(serviceAtLocation)
        .where(eq(serviceAtLocation.serviceId, id)),
      tx
        .select({
          weekday: schedules.weekday,
          opensAt: schedules.opensAt,
          closesAt: schedules.closesAt,
        })
        .from(schedules)
        .where(and(eq(schedules.serviceId, id), isNull(schedules.locationId)))
        .orderBy(asc(schedules.weekday), asc(schedules.opensAt)),
    ]);
    return {
      organizationId: row.organizationId,
      fields: {
        name: row.name,
        alternateName: row.alternateName,
        description: row.description,
        url: row.url,
        email: row.email,
        status: row.status,
        fees: row.fees,
        feesDescription: row.feesDescription,
        eligibilityDescription: row.eligibilityDescription,
        applicationProcess: row.applicationProcess,
        acceptingNewClients: row.acceptingNewClients,
        takesDetainedCases: row.takesDetainedCases,
        deliveryMethods: row.deliveryMethods as ServiceFields["deliveryMethods"],
        providerTypes: row.providerTypes as ServiceFields["providerTypes"],
        populations: row.populations as ServiceFields["populations"],
        courtsServed: row.courtsServed as ServiceFields["courtsServed"],
        categories: categories
          .map((c) => c.code)
          .filter(isCategoryCode)
          .sort(),
        languages: languages.map((l) => l.code).sort(),
        statewide: areas.some((a) => a.statewide),
        counties: areas
          .map((a) => a.county)
          .filter((c): c is CountyCode => c !== null && isCountyCode(c))
          .sort(),
        locationIds: at.map((a) => a.locationId).sort(),
        hours: hours.map((h) => ({
          weekday: h.weekday,
          opensAt: timeOfDay(h.opensAt),
          closesAt: timeOfDay(h.closesAt),
        })),
      },
    };
  },
  async apply(tx, { id, organizationId, before, changes, newId }) {
    if (has(changes, "locationIds"))
      await assertLocationsOf(tx, organizationId, changes.locationIds!);
    const categoryIds = has(changes, "categories") ? await termIds(tx, changes.categories!) : [];
    const values = pick(changes, SERVICE_COLUMNS);
    let serviceId = id;
    if (!serviceId) {
      const [created] = await tx
        .insert(services)
        .values({
          ...(newId ? { id: newId } : {}),
          organizationId,
          name: changes.name ?? "",
          ...values,
          status: changes.status ?? "active",
          assuredDate: coalitionToday(new Date()).isoDate,
        })
        .returning({ id: services.id });
      serviceId = created!.id;
    } else if (Object.keys(values).length > 0) {
      // "Since when" is shown beside "not accepting new clients" and "temporarily closed".
      const availabilityMoved =
        (has(changes, "acceptingNewClients") &&
          changes.acceptingNewClients !== before?.acceptingNewClients) ||
        (has(changes, "status") && changes.status !== before?.status);
      await tx
        .update(services)
        .set(availabilityMoved ? { ...values, availabilityChangedAt: new Date() } : values)
        .where(eq(services.id, serviceId));
    }
    if (has(changes, "categories")) {
      await tx.delete(serviceTaxonomy).where(eq(serviceTaxonomy.serviceId, serviceId));
      if (categoryIds.length > 0) {
        await tx
          .insert(serviceTaxonomy)
          .values(categoryIds.map((termId) => ({ serviceId: serviceId!, termId })));
      }
    }
    if (has(changes, "languages")) {
      await tx.delete(serviceLanguages).where(eq(serviceLanguages.serviceId, serviceId));
      const codes = [...new Set(changes.languages)];
      if (codes.length > 0) {
        await tx
          .insert(serviceLanguages)
          .values(codes.map((code) => ({ serviceId: serviceId!, code })));
      }
    }
    if (has(changes, "statewide") || has(changes, "counties")) {
      const statewide = changes.statewide ?? before?.statewide ?? false;
      const counties = [...new Set(changes.counties ?? before?.counties ?? [])];
      await tx.delete(serviceAreas).where(eq(serviceAreas.serviceId, serviceId));
      const rows = [
        ...(statewide ? [{ serviceId, statewide: true, county: null }] : []),
        ...counties.map((county) => ({ serviceId: serviceId!, statewide: false, county })),
      ];
      if (rows.length > 0) await tx.insert(serviceAreas).values(rows);
    }
    if (has(changes, "locationIds")) {
      await tx.delete(serviceAtLocation).where(eq(serviceAtLocation.serviceId, serviceId));
      const ids = [...new Set(changes.locationIds)];
      if (ids.length > 0) {
        await tx
          .insert(serviceAtLocation)
          .values(ids.map((locationId) => ({ serviceId: serviceId!, locationId })));
      }
      // Hours at a location the service leaves go with it.
      await tx
        .delete(schedules)
        .where(
          and(
            eq(schedules.serviceId, serviceId),
            isNotNull(schedules.locationId),
            ids.length > 0 ? notInArray(schedules.locationId, ids) : undefined,
          ),
        );
    }
    if (has(changes, "hours")) {
      await tx
        .delete(schedules)
        .where(and(eq(schedules.serviceId, serviceId), isNull(schedules.locationId)));
      if (changes.hours!.length > 0) {
        await tx
          .insert(schedules)
          .values(changes.hours!.map((row) => ({ serviceId: serviceId!, ...row })));
      }
    }
    return serviceId;
  },
  searchEntities: (id) => [{ entityType: "service", entityId: id }],
};

// --- location -----------------------------------------------------------------------------

/**
 * A proposal made before hours could differ by service at a location held one set of hours
 * (`hours`) for every service offered there; it is still applied that way.
 */
function legacyHours(changes: Partial<LocationFields>): HoursRow[] | undefined {
  const hours = (changes as { hours?: unknown }).hours;
  return Array.isArray(hours) ? (hours as HoursRow[]) : undefined;
}

const LOCATION_COLUMNS = [
  "name",
  "description",
  "address1",
  "address2",
  "city",
  "county",
  "postalCode",
  "latitude",
  "longitude",
  "accessibility",
  "transportation",
  "confidential",
] as const satisfies ReadonlyArray<keyof LocationFields>;

/** Its hours are kept in the zone of its point (or state): "open now" and "today" use it. */
async function placeInTimeZone(tx: Transaction, id: string): Promise<void> {
  const [place] = await tx
    .select({
      latitude: locations.latitude,
      longitude: locations.longitude,
      state: locations.stateProvince,
    })
    .from(locations)
    .where(eq(locations.id, id));
  if (place) {
    await tx
      .update(locations)
      .set({ timeZone: timeZoneOfPlace(place) })
      .where(eq(locations.id, id));
  }
}

/** The location's own line: its first phone that belongs to no single service. */
async function ownPhoneOf(tx: Transaction, locationId: string) {
  const [row] = await tx
    .select({ id: phones.id, number: phones.number })
    .from(phones)
    .where(and(eq(phones.locationId, locationId), isNull(phones.serviceId)))
    .orderBy(asc(phones.position), asc(phones.createdAt), asc(phones.id))
    .limit(1);
  return row;
}

const locationHandler: EntityHandler<LocationFields> = {
  resource: "location",
  async load(tx, id) {
    const [row] = await tx.select().from(locations).where(eq(locations.id, id));
    if (!row) return undefined;
    const [phone, at, hours] = await Promise.all([
      ownPhoneOf(tx, id),
      tx
        .select({ serviceId: serviceAtLocation.serviceId })
        .from(serviceAtLocation)
        .where(eq(serviceAtLocation.locationId, id)),
      tx
        .select({
          serviceId: schedules.serviceId,
          weekday: schedules.weekday,
          opensAt: schedules.opensAt,
          closesAt: schedules.closesAt,
        })
        .from(schedules)
        .where(eq(schedules.locationId, id))
        .orderBy(asc(schedules.weekday), asc(schedules.opensAt), asc(schedules.closesAt)),
    ]);
    const serviceHours: Record<string, HoursRow[]> = {};
    for (const { serviceId, ...row } of hours) {
      (serviceHours[serviceId] ??= []).push({
        weekday: row.weekday,
        opensAt: timeOfDay(row.opensAt),
        closesAt: timeOfDay(row.closesAt),
      });
    }
    return {
      organizationId: row.organizationId,
      fields: {
        name: row.name,
        description: row.description,
        address1: row.address1,
        address2: row.address2,
        city: row.city,
        county: row.county as CountyCode,
        postalCode: row.postalCode,
        latitude: row.latitude,
        longitude: row.longitude,
        accessibility: row.accessibility,
        transportation: row.transportation,
        confidential: row.confidential,
        phone: phone?.number ?? null,
        serviceIds: at.map((a) => a.serviceId).sort(),
        serviceHours,
      },
    };
  },
  async apply(tx, { id, organizationId, before, changes, newId }) {
    const values = pick(changes, LOCATION_COLUMNS);
    let locationId = id;
    if (!locationId) {
      const [created] = await tx
        .insert(locations)
        .values({
          ...(newId ? { id: newId } : {}),
          organizationId,
          address1: changes.address1 ?? "",
          city: changes.city ?? "",
          county: changes.county ?? "",
          postalCode: changes.postalCode ?? "",
          ...values,
        })
        .returning({ id: locations.id });
      locationId = created!.id;
      await placeInTimeZone(tx, locationId);
    } else if (Object.keys(values).length > 0) {
      await tx.update(locations).set(values).where(eq(locations.id, locationId));
      if ("latitude" in values || "longitude" in values) await placeInTimeZone(tx, locationId);
    }
    if (has(changes, "phone")) {
      const own = await ownPhoneOf(tx, locationId);
      if (!changes.phone) {
        if (own) await tx.delete(phones).where(eq(phones.id, own.id));
      } else if (own) {
        await tx.update(phones).set({ number: changes.phone }).where(eq(phones.id, own.id));
      } else {
        await tx.insert(phones).values({ organizationId, locationId, number: changes.phone });
      }
    }
    const serviceIds = has(changes, "serviceIds")
      ? [...new Set(changes.serviceIds)]
      : (before?.serviceIds ?? []);
    if (has(changes, "serviceIds")) {
      await assertServicesOf(tx, organizationId, serviceIds);
      await tx.delete(serviceAtLocation).where(eq(serviceAtLocation.locationId, locationId));
      if (serviceIds.length > 0) {
        await tx
          .insert(serviceAtLocation)
          .values(serviceIds.map((serviceId) => ({ serviceId, locationId: locationId! })));
      }
    }
    if (has(changes, "serviceIds") || has(changes, "serviceHours") || legacyHours(changes)) {
      // Each service's hours here (HSDS service_at_location schedules); only services offered
      // here keep any, and a service without rows here keeps its own hours.
      const hoursHere = legacyHours(changes)
        ? Object.fromEntries(serviceIds.map((serviceId) => [serviceId, legacyHours(changes)!]))
        : applyChanges(
            { serviceHours: before?.serviceHours ?? {} },
            { serviceHours: changes.serviceHours ?? {} },
          ).serviceHours;
      await tx.delete(schedules).where(eq(schedules.locationId, locationId));
      const rows = serviceIds.flatMap((serviceId) =>
        (hoursHere[serviceId] ?? []).map((row) => ({
          serviceId,
          locationId: locationId!,
          weekday: row.weekday,
          opensAt: row.opensAt,
          closesAt: row.closesAt,
        })),
      );
      if (rows.length > 0) await tx.insert(schedules).values(rows);
    }
    return locationId;
  },
  searchEntities: (id, _organizationId, versions) => [
    { entityType: "location", entityId: id },
    // Services that arrive at or leave this location are re-indexed with their new places.
    ...[...new Set(versions.flatMap((fields) => fields?.serviceIds ?? []))].map((serviceId) => ({
      entityType: "service" as const,
      entityId: serviceId,
    })),
  ],
};

// --- phone --------------------------------------------------------------------------------

const PHONE_COLUMNS = [
  "number",
  "extension",
  "type",
  "description",
  "languages",
  "serviceId",
  "locationId",
] as const satisfies ReadonlyArray<keyof PhoneFields>;

const phoneHandler: EntityHandler<PhoneFields> = {
  // A phone is part of the organization's listing; editing it is editing the organization.
  resource: "organization",
  async load(tx, id) {
    const [row] = await tx.select().from(phones).where(eq(phones.id, id));
    if (!row) return undefined;
    return {
      organizationId: row.organizationId,
      fields: {
        number: row.number,
        extension: row.extension,
        type: row.type,
        description: row.description,
        languages: [...row.languages].sort(),
        serviceId: row.serviceId,
        locationId: row.locationId,
      },
    };
  },
  async apply(tx, { id, organizationId, changes, newId }) {
    if (changes.serviceId) await assertServicesOf(tx, organizationId, [changes.serviceId]);
    if (changes.locationId) await assertLocationsOf(tx, organizationId, [changes.locationId]);
    const values = pick(changes, PHONE_COLUMNS);
    if (!id) {
      const [created] = await tx
        .insert(phones)
        .values({
          ...(newId ? { id: newId } : {}),
          organizationId,
          number: changes.number ?? "",
          ...values,
        })
        .returning({ id: phones.id });
      return created!.id;
    }
    if (Object.keys(values).length > 0) {
      await tx.update(phones).set(values).where(eq(phones.id, id));
    }
    return id;
  },
  async delete(tx, id) {
    await tx.delete(phones).where(eq(phones.id, id));
  },
  searchEntities(_id, organizationId, versions) {
    const entities: SearchEntity[] = [];
    for (const fields of versions) {
      if (fields?.serviceId) entities.push({ entityType: "service", entityId: fields.serviceId });
      else if (fields?.locationId)
        entities.push({ entityType: "location", entityId: fields.locationId });
    }
    return entities.length > 0
      ? entities
      : [{ entityType: "organization", entityId: organizationId }];
  },
};

export const ENTITY_HANDLERS: { [T in EntityType]: EntityHandler<EntityFields[T]> } = {
  organization: organizationHandler,
  service: serviceHandler,
  location: locationHandler,
  phone: phoneHandler,
};

export function handlerFor<T extends EntityType>(type: T): EntityHandler<EntityFields[T]> {
  return ENTITY_HANDLERS[type];
}

/** Checks, at submission time, that ids a proposal refers to belong to the organization. */
export async function assertReferencesBelong(
  tx: Transaction,
  organizationId: string,
  entityType: EntityType,
  changes: Record<string, unknown>,
): Promise<void> {
  if (entityType === "service" && Array.isArray(changes.locationIds)) {
    await assertLocationsOf(tx, organizationId, changes.locationIds as string[]);
  }
  if (entityType === "location" && Array.isArray(changes.serviceIds)) {
    await assertServicesOf(tx, organizationId, changes.serviceIds as string[]);
  }
  if (
    entityType === "location" &&
    changes.serviceHours &&
    typeof changes.serviceHours === "object"
  ) {
    await assertServicesOf(tx, organizationId, Object.keys(changes.serviceHours));
  }
  if (entityType === "service" && Array.isArray(changes.categories)) {
    await termIds(tx, changes.categories as CategoryCode[]);
  }
  if (entityType === "phone") {
    if (typeof changes.serviceId === "string") {
      await assertServicesOf(tx, organizationId, [changes.serviceId]);
    }
    if (typeof changes.locationId === "string") {
      await assertLocationsOf(tx, organizationId, [changes.locationId]);
    }
  }
}
