import { and, asc, eq, inArray, isNull, ne } from "drizzle-orm";
import { schedules, services } from "#db/schema";
import type { Actor } from "~/accounts/permissions";
import type { DbOrTx, Transaction } from "~/db.server";
import { resolvePlace } from "~/geo/places.server";
import { weeklyHours } from "~/i18n/format";
import { assertCan, inTransaction } from "./access.server";
import { commitChange, pendingChangeFor, type ChangeOutcome } from "./change-sets.server";
import { handlerFor } from "./entities.server";
import { DomainError, notFound } from "~/http/errors";
import type { HoursRow, LocationFields, LocationInput } from "./fields";
import { loadOrganization, type OrganizationRow } from "./organization-editing.server";

export type { LocationInput };

/**
 * Coordinates and county for what was submitted, offline: a map click wins; otherwise the
 * stored point is kept while the ZIP code stays the same; otherwise the ZIP code's centre.
 */
async function placeLocation(
  before: LocationFields | null,
  input: LocationInput,
): Promise<Partial<LocationFields>> {
  const clicked =
    input.latitude !== null &&
    input.longitude !== null &&
    (before === null || input.latitude !== before.latitude || input.longitude !== before.longitude);
  const keepStored =
    !clicked &&
    before !== null &&
    before.postalCode === input.postalCode &&
    before.latitude !== null;
  const place = clicked && input.county ? undefined : await resolvePlace(input.postalCode);
  let point: { latitude: number | null; longitude: number | null };
  if (clicked) point = input;
  else if (keepStored) point = before;
  else if (place) point = place;
  else throw new DomainError(400, "formErrors.placeNotFound", "portal");
  const county = input.county ?? place?.county ?? null;
  if (!county) throw new DomainError(400, "formErrors.countyRequired", "portal");
  return { ...input, county, latitude: point.latitude, longitude: point.longitude };
}

async function loadLocation(
  tx: Transaction,
  actor: Actor,
  locationId: string,
  action: "read" | "update",
) {
  const loaded = await handlerFor("location").load(tx, locationId);
  if (!loaded) throw notFound();
  assertCan(actor, action, "location", { organizationId: loaded.organizationId });
  return { ...loaded, organization: await loadOrganization(tx, loaded.organizationId) };
}

export interface ServiceOption {
  id: string;
  label: string;
  /** The service's own hours: what "same hours as the service usually has" means. */
  hours: HoursRow[];
}

/** The organization's services that can be offered at a location (not archived). */
export async function serviceOptions(tx: DbOrTx, organizationId: string): Promise<ServiceOption[]> {
  const options = await tx
    .select({ id: services.id, label: services.name })
    .from(services)
    .where(and(eq(services.organizationId, organizationId), ne(services.status, "archived")))
    .orderBy(asc(services.name));
  const own =
    options.length === 0
      ? []
      : await tx
          .select({
            serviceId: schedules.serviceId,
            weekday: schedules.weekday,
            opensAt: schedules.opensAt,
            closesAt: schedules.closesAt,
          })
          .from(schedules)
          .where(
            and(
              inArray(
                schedules.serviceId,
                options.map((option) => option.id),
              ),
              isNull(schedules.locationId),
            ),
          )
          .orderBy(asc(schedules.weekday), asc(schedules.opensAt));
  return options.map((option) => ({
    ...option,
    hours: own
      .filter((row) => row.serviceId === option.id)
      .map((row) => ({
        weekday: row.weekday,
        opensAt: row.opensAt.slice(0, 5),
        closesAt: row.closesAt.slice(0, 5),
      })),
  }));
}

/** The options as the location form shows them: each service's usual hours in words. */
export function wordedServiceOptions(options: ServiceOption[], intl: string) {
  return options.map(({ hours, ...option }) => ({
    ...option,
    usualHours: weeklyHours(hours, intl),
  }));
}

/**
 * Hours here only for services offered here: the form says so at the field; this refuses any
 * other caller the same way.
 */
function assertHoursOfOfferedServices(before: LocationFields | null, input: LocationInput) {
  const offered = input.serviceIds ?? before?.serviceIds ?? [];
  if (Object.keys(input.serviceHours ?? {}).some((serviceId) => !offered.includes(serviceId))) {
    throw new DomainError(400, "formErrors.hoursNotOffered", "portal");
  }
}

export async function getNewLocationContext(
  db: DbOrTx,
  input: { actor: Actor; organizationId: string },
): Promise<{ organization: OrganizationRow; services: ServiceOption[] }> {
  const organization = await loadOrganization(db, input.organizationId);
  assertCan(input.actor, "create", "location", { organizationId: organization.id });
  return { organization, services: await serviceOptions(db, organization.id) };
}

export interface LocationEditing {
  locationId: string;
  organization: OrganizationRow;
  fields: LocationFields;
  pending: { id: string; changes: Partial<LocationFields>; createdAt: string } | null;
  services: ServiceOption[];
}

export async function getLocationForEditing(
  db: DbOrTx,
  input: { actor: Actor; locationId: string },
): Promise<LocationEditing> {
  return inTransaction(db, async (tx) => {
    const location = await loadLocation(tx, input.actor, input.locationId, "read");
    const pending = await pendingChangeFor(tx, "location", input.locationId);
    return {
      locationId: input.locationId,
      organization: location.organization,
      fields: location.fields,
      services: await serviceOptions(tx, location.organizationId),
      pending: pending
        ? {
            id: pending.id,
            changes: pending.changes as Partial<LocationFields>,
            createdAt: pending.createdAt.toISOString(),
          }
        : null,
    };
  });
}

export async function createLocation(
  db: DbOrTx,
  input: { actor: Actor; organizationId: string; fields: LocationInput },
): Promise<ChangeOutcome> {
  return inTransaction(db, async (tx) => {
    const organization = await loadOrganization(tx, input.organizationId);
    assertCan(input.actor, "create", "location", { organizationId: organization.id });
    assertHoursOfOfferedServices(null, input.fields);
    return commitChange(tx, {
      actor: input.actor,
      organization,
      entityType: "location",
      entityId: null,
      operation: "create",
      before: null,
      submitted: await placeLocation(null, input.fields),
    });
  });
}

export async function updateLocation(
  db: DbOrTx,
  input: { actor: Actor; locationId: string; fields: LocationInput },
): Promise<ChangeOutcome> {
  return inTransaction(db, async (tx) => {
    const location = await loadLocation(tx, input.actor, input.locationId, "update");
    assertHoursOfOfferedServices(location.fields, input.fields);
    return commitChange(tx, {
      actor: input.actor,
      organization: location.organization,
      entityType: "location",
      entityId: input.locationId,
      operation: "update",
      before: location.fields,
      submitted: await placeLocation(location.fields, input.fields),
    });
  });
}
