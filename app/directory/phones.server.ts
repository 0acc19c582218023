import { asc, eq } from "drizzle-orm";
import { phones, services } from "#db/schema";
import type { Actor } from "~/accounts/permissions";
import type { DbOrTx, Transaction } from "~/db.server";
import { assertCan, inTransaction } from "./access.server";
import { commitChange, pendingChangeFor, type ChangeOutcome } from "./change-sets.server";
import { handlerFor } from "./entities.server";
import { notFound } from "~/http/errors";
import type { PhoneFields } from "./fields";
import { loadOrganization, type OrganizationRow } from "./organization-editing.server";
import { locationOptions, type LocationOption } from "./services.server";

export interface PhoneOptions {
  services: Array<{ id: string; label: string }>;
  locations: LocationOption[];
}

async function phoneOptions(tx: DbOrTx, organizationId: string): Promise<PhoneOptions> {
  const [serviceRows, locationRows] = await Promise.all([
    tx
      .select({ id: services.id, label: services.name })
      .from(services)
      .where(eq(services.organizationId, organizationId))
      .orderBy(asc(services.name)),
    locationOptions(tx, organizationId),
  ]);
  return { services: serviceRows, locations: locationRows };
}

async function loadPhone(
  tx: Transaction,
  actor: Actor,
  phoneId: string,
  action: "read" | "update",
) {
  const loaded = await handlerFor("phone").load(tx, phoneId);
  if (!loaded) throw notFound();
  assertCan(actor, action, "organization", { organizationId: loaded.organizationId });
  return { ...loaded, organization: await loadOrganization(tx, loaded.organizationId) };
}

export interface PhoneList {
  organization: OrganizationRow;
  phones: Array<PhoneFields & { id: string }>;
  options: PhoneOptions;
}

/** The organization's phone numbers and what a new one may be attached to. */
export async function listPhonesForEditing(
  db: DbOrTx,
  input: { actor: Actor; organizationId: string },
): Promise<PhoneList> {
  return inTransaction(db, async (tx) => {
    const organization = await loadOrganization(tx, input.organizationId);
    assertCan(input.actor, "read", "organization", { organizationId: organization.id });
    const rows = await tx
      .select({ id: phones.id })
      .from(phones)
      .where(eq(phones.organizationId, organization.id))
      .orderBy(asc(phones.position), asc(phones.createdAt));
    const list = [];
    for (const row of rows) {
      const loaded = await handlerFor("phone").load(tx, row.id);
      if (loaded) list.push({ id: row.id, ...loaded.fields });
    }
    return {
      organization,
      phones: list,
      options: await phoneOptions(tx, organization.id),
    };
  });
}

export interface PhoneEditing {
  phoneId: string;
  organization: OrganizationRow;
  fields: PhoneFields;
  pending: { id: string; changes: Partial<PhoneFields>; createdAt: string } | null;
  options: PhoneOptions;
}

export async function getPhoneForEditing(
  db: DbOrTx,
  input: { actor: Actor; phoneId: string },
): Promise<PhoneEditing> {
  return inTransaction(db, async (tx) => {
    const phone = await loadPhone(tx, input.actor, input.phoneId, "read");
    const pending = await pendingChangeFor(tx, "phone", input.phoneId);
    return {
      phoneId: input.phoneId,
      organization: phone.organization,
      fields: phone.fields,
      pending: pending
        ? {
            id: pending.id,
            changes: pending.changes as Partial<PhoneFields>,
            createdAt: pending.createdAt.toISOString(),
          }
        : null,
      options: await phoneOptions(tx, phone.organizationId),
    };
  });
}

export async function createPhone(
  db: DbOrTx,
  input: { actor: Actor; organizationId: string; fields: PhoneFields },
): Promise<ChangeOutcome> {
  return inTransaction(db, async (tx) => {
    const organization = await loadOrganization(tx, input.organizationId);
    assertCan(input.actor, "update", "organization", { organizationId: organization.id });
    return commitChange(tx, {
      actor: input.actor,
      organization,
      entityType: "phone",
      entityId: null,
      operation: "create",
      before: null,
      submitted: input.fields,
    });
  });
}

export async function updatePhone(
  db: DbOrTx,
  input: { actor: Actor; phoneId: string; changes: Partial<PhoneFields> },
): Promise<ChangeOutcome> {
  return inTransaction(db, async (tx) => {
    const phone = await loadPhone(tx, input.actor, input.phoneId, "update");
    return commitChange(tx, {
      actor: input.actor,
      organization: phone.organization,
      entityType: "phone",
      entityId: input.phoneId,
      operation: "update",
      before: phone.fields,
      submitted: input.changes,
    });
  });
}

export async function deletePhone(
  db: DbOrTx,
  input: { actor: Actor; phoneId: string },
): Promise<ChangeOutcome> {
  return inTransaction(db, async (tx) => {
    const phone = await loadPhone(tx, input.actor, input.phoneId, "update");
    return commitChange(tx, {
      actor: input.actor,
      organization: phone.organization,
      entityType: "phone",
      entityId: input.phoneId,
      operation: "delete",
      before: phone.fields,
      submitted: {},
    });
  });
}
