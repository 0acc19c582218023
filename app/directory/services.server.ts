import { asc, eq } from "drizzle-orm";
import { locations } from "#db/schema";
import { can, type Actor } from "~/accounts/permissions";
import type { DbOrTx, Transaction } from "~/db.server";
import { assertCan, inTransaction } from "./access.server";
import { commitChange, pendingChangeFor, type ChangeOutcome } from "./change-sets.server";
import { handlerFor } from "./entities.server";
import { notFound } from "~/http/errors";
import type { ServiceFields } from "./fields";
import { loadOrganization, type OrganizationRow } from "./organization-editing.server";
import type { ServiceStatus } from "#db/codes/directory";

export interface LocationOption {
  id: string;
  label: string;
}

export async function locationOptions(
  tx: DbOrTx,
  organizationId: string,
): Promise<LocationOption[]> {
  const rows = await tx
    .select({ id: locations.id, address1: locations.address1, city: locations.city })
    .from(locations)
    .where(eq(locations.organizationId, organizationId))
    .orderBy(asc(locations.address1));
  return rows.map((row) => ({ id: row.id, label: `${row.address1}, ${row.city}` }));
}

/** The service and its organization, both read from the database; refuses other organizations. */
async function loadService(
  tx: Transaction,
  actor: Actor,
  serviceId: string,
  action: "read" | "update" | "archive",
) {
  const loaded = await handlerFor("service").load(tx, serviceId);
  if (!loaded) throw notFound();
  assertCan(actor, action, "service", { organizationId: loaded.organizationId });
  const organization = await loadOrganization(tx, loaded.organizationId);
  return { ...loaded, id: serviceId, organization };
}

export interface NewServiceContext {
  organization: OrganizationRow;
  locations: LocationOption[];
}

export async function getNewServiceContext(
  db: DbOrTx,
  input: { actor: Actor; organizationId: string },
): Promise<NewServiceContext> {
  const organization = await loadOrganization(db, input.organizationId);
  assertCan(input.actor, "create", "service", { organizationId: organization.id });
  return { organization, locations: await locationOptions(db, organization.id) };
}

export interface ServiceEditing {
  serviceId: string;
  organization: OrganizationRow;
  fields: ServiceFields;
  pending: { id: string; changes: Partial<ServiceFields>; createdAt: string } | null;
  locations: LocationOption[];
  permissions: { archive: boolean };
}

export async function getServiceForEditing(
  db: DbOrTx,
  input: { actor: Actor; serviceId: string },
): Promise<ServiceEditing> {
  return inTransaction(db, async (tx) => {
    const service = await loadService(tx, input.actor, input.serviceId, "read");
    const pending = await pendingChangeFor(tx, "service", input.serviceId);
    return {
      serviceId: input.serviceId,
      organization: service.organization,
      fields: service.fields,
      pending: pending
        ? {
            id: pending.id,
            changes: pending.changes as Partial<ServiceFields>,
            createdAt: pending.createdAt.toISOString(),
          }
        : null,
      locations: await locationOptions(tx, service.organizationId),
      permissions: {
        archive: can(input.actor, "archive", "service", { organizationId: service.organizationId }),
      },
    };
  });
}

/** A new service of the organization: created now, or proposed for review. */
export async function createService(
  db: DbOrTx,
  input: { actor: Actor; organizationId: string; fields: Omit<ServiceFields, "status"> },
): Promise<ChangeOutcome> {
  return inTransaction(db, async (tx) => {
    const organization = await loadOrganization(tx, input.organizationId);
    assertCan(input.actor, "create", "service", { organizationId: organization.id });
    return commitChange(tx, {
      actor: input.actor,
      organization,
      entityType: "service",
      entityId: null,
      operation: "create",
      before: null,
      submitted: { ...input.fields, status: "active" },
    });
  });
}

/**
 * Saves the service form. Whether it takes new clients is published at once (see
 * setAcceptingNewClients); everything else follows the review rules.
 */
export async function updateService(
  db: DbOrTx,
  input: { actor: Actor; serviceId: string; changes: Partial<ServiceFields> },
): Promise<ChangeOutcome> {
  return inTransaction(db, async (tx) => {
    const { acceptingNewClients, ...reviewed } = input.changes;
    let service = await loadService(tx, input.actor, input.serviceId, "update");
    let availability: ChangeOutcome | undefined;
    if (
      acceptingNewClients !== undefined &&
      acceptingNewClients !== service.fields.acceptingNewClients
    ) {
      availability = await applyAvailability(tx, service, input.actor, { acceptingNewClients });
      service = await loadService(tx, input.actor, input.serviceId, "update");
    }
    const outcome = await commitChange(tx, {
      actor: input.actor,
      organization: service.organization,
      entityType: "service",
      entityId: input.serviceId,
      operation: "update",
      before: service.fields,
      submitted: reviewed,
    });
    return outcome.status === "unchanged" && availability ? availability : outcome;
  });
}

type LoadedService = Awaited<ReturnType<typeof loadService>>;
type Availability = Pick<ServiceFields, "acceptingNewClients"> | Pick<ServiceFields, "status">;

/** An availability change, applied now for any editor and audited as such. */
function applyAvailability(
  tx: Transaction,
  service: LoadedService,
  actor: Actor,
  change: Availability,
): Promise<ChangeOutcome> {
  return commitChange(tx, {
    actor,
    organization: service.organization,
    entityType: "service",
    entityId: service.id,
    operation: "update",
    before: service.fields,
    submitted: change,
    immediate: true,
    auditAction: "availability",
  });
}

/**
 * Taking new clients or not is published at once, for every member organization: a full
 * office that waits for review keeps getting calls it cannot answer, and one that has room
 * again keeps people away. Audited; staff can undo it (undoAvailabilityChange).
 */
export async function setAcceptingNewClients(
  db: DbOrTx,
  input: { actor: Actor; serviceId: string; accepting: boolean },
): Promise<ChangeOutcome> {
  return inTransaction(db, async (tx) => {
    const service = await loadService(tx, input.actor, input.serviceId, "update");
    return applyAvailability(tx, service, input.actor, { acceptingNewClients: input.accepting });
  });
}

/**
 * Pause, archive or resume a service. Taking a service out of the directory (pause, archive)
 * applies at once for every editor: waiting for review would keep sending people to a service
 * that cannot see them; so does reopening after a pause. Bringing back an archived service
 * is a change like any other.
 */
export async function setServiceStatus(
  db: DbOrTx,
  input: { actor: Actor; serviceId: string; status: Exclude<ServiceStatus, "draft"> },
): Promise<ChangeOutcome> {
  return inTransaction(db, async (tx) => {
    const action = input.status === "archived" ? "archive" : "update";
    const service = await loadService(tx, input.actor, input.serviceId, action);
    const withdrawing = input.status === "paused" || input.status === "archived";
    // Reopening after a pause is availability too: published at once, like the pause.
    if (input.status === "active" && service.fields.status === "paused")
      return applyAvailability(tx, service, input.actor, { status: "active" });
    return commitChange(tx, {
      actor: input.actor,
      organization: service.organization,
      entityType: "service",
      entityId: input.serviceId,
      operation: "update",
      before: service.fields,
      submitted: { status: input.status },
      immediate: withdrawing,
      auditAction:
        input.status === "paused" ? "pause" : input.status === "archived" ? "archive" : undefined,
    });
  });
}
