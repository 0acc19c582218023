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
  return { ...loaded, organization };
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

export async function updateService(
  db: DbOrTx,
  input: { actor: Actor; serviceId: string; changes: Partial<ServiceFields> },
): Promise<ChangeOutcome> {
  return inTransaction(db, async (tx) => {
    const service = await loadService(tx, input.actor, input.serviceId, "update");
    return commitChange(tx, {
      actor: input.actor,
      organization: service.organization,
      entityType: "service",
      entityId: input.serviceId,
      operation: "update",
      before: service.fields,
      submitted: input.changes,
    });
  });
}

/**
 * Pause, archive or resume a service. Taking a service out of the directory (pause, archive)
 * applies at once for every editor: waiting for review would keep sending people to a service
 * that cannot see them. Putting it back (active) is a change like any other.
 */
export async function setServiceStatus(
  db: DbOrTx,
  input: { actor: Actor; serviceId: string; status: Exclude<ServiceStatus, "draft"> },
): Promise<ChangeOutcome> {
  return inTransaction(db, async (tx) => {
    const action = input.status === "archived" ? "archive" : "update";
    const service = await loadService(tx, input.actor, input.serviceId, action);
    const withdrawing = input.status === "paused" || input.status === "archived";
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
