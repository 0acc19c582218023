import { and, asc, eq, ilike, inArray, like, or } from "drizzle-orm";
import { locations, organizations, phones, services } from "#db/schema";
import type { Actor } from "~/accounts/permissions";
import { can } from "~/accounts/permissions";
import type { DbOrTx, Transaction } from "~/db.server";
import { enqueueSearchSync } from "~/search-outbox/outbox.server";
import { assertCan, inTransaction } from "./access.server";
import { recordAudit } from "./audit.server";
import { commitChange, pendingChangeFor, type ChangeOutcome } from "./change-sets.server";
import { handlerFor } from "./entities.server";
import { notFound } from "~/http/errors";
import type { OrganizationFields } from "./fields";
import type { ListingStatus, ServiceStatus } from "#db/codes/directory";

export interface OrganizationRow {
  id: string;
  name: string;
  slug: string;
  status: ListingStatus;
  trusted: boolean;
  isCoalitionMember: boolean;
  memberSince: string | null;
  intakeEmail: string | null;
  assuredDate: string | null;
}

const organizationColumns = {
  id: organizations.id,
  name: organizations.name,
  slug: organizations.slug,
  status: organizations.status,
  trusted: organizations.trusted,
  isCoalitionMember: organizations.isCoalitionMember,
  memberSince: organizations.memberSince,
  intakeEmail: organizations.intakeEmail,
  assuredDate: organizations.assuredDate,
};

/** The organization row an action is about, or "not found". */
export async function loadOrganization(
  tx: DbOrTx,
  organizationId: string,
): Promise<OrganizationRow> {
  const [row] = await tx
    .select(organizationColumns)
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!row) throw notFound();
  return row;
}

export interface OrganizationEditing {
  organization: OrganizationRow;
  fields: OrganizationFields;
  /** A proposal still waiting for review: its values are what the form shows. */
  pending: { id: string; changes: Partial<OrganizationFields>; createdAt: string } | null;
  services: Array<{ id: string; name: string; status: ServiceStatus }>;
  locations: Array<{ id: string; address1: string; city: string; postalCode: string }>;
  phoneCount: number;
  permissions: { manage: boolean; createService: boolean; createLocation: boolean };
}

/** The profile form and the list of the organization's services, locations and phones. */
export async function getOrganizationForEditing(
  db: DbOrTx,
  input: { actor: Actor; organizationId: string },
): Promise<OrganizationEditing> {
  return inTransaction(db, async (tx) => {
    const organization = await loadOrganization(tx, input.organizationId);
    const target = { organizationId: organization.id };
    assertCan(input.actor, "read", "organization", target);
    const loaded = await handlerFor("organization").load(tx, organization.id);
    const [serviceRows, locationRows, phoneRows, pending] = await Promise.all([
      tx
        .select({ id: services.id, name: services.name, status: services.status })
        .from(services)
        .where(eq(services.organizationId, organization.id))
        .orderBy(asc(services.name)),
      tx
        .select({
          id: locations.id,
          address1: locations.address1,
          city: locations.city,
          postalCode: locations.postalCode,
        })
        .from(locations)
        .where(eq(locations.organizationId, organization.id))
        .orderBy(asc(locations.address1)),
      tx.select({ id: phones.id }).from(phones).where(eq(phones.organizationId, organization.id)),
      pendingChangeFor(tx, "organization", organization.id),
    ]);
    return {
      organization,
      fields: loaded!.fields,
      pending: pending
        ? {
            id: pending.id,
            changes: pending.changes as Partial<OrganizationFields>,
            createdAt: pending.createdAt.toISOString(),
          }
        : null,
      services: serviceRows,
      locations: locationRows,
      phoneCount: phoneRows.length,
      permissions: {
        manage: can(input.actor, "manage", "organization", target),
        createService: can(input.actor, "create", "service", target),
        createLocation: can(input.actor, "create", "location", target),
      },
    };
  });
}

/** Name, description and its translations, website, email, logo: applied or proposed. */
export async function updateOrganizationProfile(
  db: DbOrTx,
  input: { actor: Actor; organizationId: string; changes: Partial<OrganizationFields> },
): Promise<ChangeOutcome> {
  return inTransaction(db, async (tx) => {
    const organization = await loadOrganization(tx, input.organizationId);
    assertCan(input.actor, "update", "organization", { organizationId: organization.id });
    const before = (await handlerFor("organization").load(tx, organization.id))!.fields;
    return commitChange(tx, {
      actor: input.actor,
      organization,
      entityType: "organization",
      entityId: organization.id,
      operation: "update",
      before,
      submitted: input.changes,
    });
  });
}

// --- staff: the coalition's membership -----------------------------------------------------

export interface OrganizationAdministration {
  isCoalitionMember: boolean;
  memberSince: string | null;
  trusted: boolean;
  status: ListingStatus;
  /** Where referral notices go without an editor account (no personal data in them). */
  intakeEmail: string | null;
}

function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
}

async function uniqueSlug(tx: Transaction, name: string): Promise<string> {
  const base = slugify(name) || "organization";
  const taken = new Set(
    (
      await tx
        .select({ slug: organizations.slug })
        .from(organizations)
        .where(or(eq(organizations.slug, base), like(organizations.slug, `${base}-%`)))
    ).map((row) => row.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Staff add a member organization (a draft until they publish it). */
export async function createOrganization(
  db: DbOrTx,
  input: {
    actor: Actor;
    fields: {
      name: string;
      email?: string | null;
      website?: string | null;
    } & Partial<OrganizationAdministration>;
    /** The id of the new organization (an import keeps its source's ids); random otherwise. */
    id?: string;
  },
): Promise<{ id: string; slug: string }> {
  assertCan(input.actor, "create", "organization", { organizationId: null });
  return inTransaction(db, async (tx) => {
    const slug = await uniqueSlug(tx, input.fields.name);
    const [created] = await tx
      .insert(organizations)
      .values({
        ...(input.id ? { id: input.id } : {}),
        slug,
        name: input.fields.name,
        email: input.fields.email ?? null,
        website: input.fields.website ?? null,
        isCoalitionMember: input.fields.isCoalitionMember ?? true,
        memberSince: input.fields.memberSince ?? null,
        trusted: input.fields.trusted ?? false,
        status: input.fields.status ?? "draft",
        intakeEmail: input.fields.intakeEmail ?? null,
      })
      .returning(organizationColumns);
    await recordAudit(tx, {
      actor: input.actor,
      organizationId: created!.id,
      entityType: "organization",
      entityId: created!.id,
      action: "create",
      after: created,
    });
    await enqueueSearchSync(tx, { entityType: "organization", entityId: created!.id });
    return { id: created!.id, slug };
  });
}

/** Membership, trust, publication and archiving: staff decisions, applied at once. */
export async function updateOrganizationAdministration(
  db: DbOrTx,
  input: { actor: Actor; organizationId: string; changes: Partial<OrganizationAdministration> },
): Promise<{ changed: boolean }> {
  return inTransaction(db, async (tx) => {
    const organization = await loadOrganization(tx, input.organizationId);
    const target = { organizationId: organization.id };
    const archiving = input.changes.status === "archived" && organization.status !== "archived";
    assertCan(input.actor, archiving ? "archive" : "manage", "organization", target);
    const before: OrganizationAdministration = {
      isCoalitionMember: organization.isCoalitionMember,
      memberSince: organization.memberSince,
      trusted: organization.trusted,
      status: organization.status,
      intakeEmail: organization.intakeEmail,
    };
    const after = { ...before };
    for (const key of Object.keys(before) as Array<keyof OrganizationAdministration>) {
      if (input.changes[key] !== undefined) Object.assign(after, { [key]: input.changes[key] });
    }
    if (JSON.stringify(before) === JSON.stringify(after)) return { changed: false };
    await tx.update(organizations).set(after).where(eq(organizations.id, organization.id));
    await recordAudit(tx, {
      actor: input.actor,
      organizationId: organization.id,
      entityType: "organization",
      entityId: organization.id,
      action: archiving ? "archive" : "manage",
      before,
      after,
    });
    await enqueueSearchSync(tx, { entityType: "organization", entityId: organization.id });
    return { changed: true };
  });
}

/** Every organization (optionally filtered by name), for the staff's membership list. */
export async function listOrganizationsForStaff(
  db: DbOrTx,
  input: { actor: Actor; query?: string },
): Promise<OrganizationRow[]> {
  assertCan(input.actor, "manage", "organization", { organizationId: null });
  const query = input.query?.trim();
  return db
    .select(organizationColumns)
    .from(organizations)
    .where(query ? ilike(organizations.name, `%${query.replace(/[%_\\]/g, "\\$&")}%`) : undefined)
    .orderBy(asc(organizations.name));
}

/** The organizations an editor works on (staff and admins reach all through /staff). */
export async function listMyOrganizations(db: DbOrTx, actor: Actor): Promise<OrganizationRow[]> {
  if (actor.organizationIds.length === 0) return [];
  return db
    .select(organizationColumns)
    .from(organizations)
    .where(and(inArray(organizations.id, [...actor.organizationIds])))
    .orderBy(asc(organizations.name));
}
