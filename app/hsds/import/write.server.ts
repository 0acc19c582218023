import { and, eq, sql } from "drizzle-orm";
import { locations, organizations, services } from "#db/schema";
import type { Actor } from "~/accounts/permissions";
import type { Database, Transaction } from "~/db.server";
import { recordAudit } from "~/directory/audit.server";
import { commitChange } from "~/directory/change-sets.server";
import { timeZoneOfPlace } from "~/geo/time-zones.server";
import { handlerFor } from "~/directory/entities.server";
import type { EntityFields, EntityType } from "~/directory/fields";
import {
  createOrganization,
  loadOrganization,
  updateOrganizationProfile,
} from "~/directory/organization-editing.server";
import { enqueueSearchSync } from "~/search-outbox/outbox.server";
import type { PlannedOrganization } from "./map.server";
import type { Problem } from "./types";

/*
 * Writes planned organizations through the same domain functions staff and the portal use
 * (createOrganization, updateOrganizationProfile, commitChange: audit entry and search outbox
 * in the transaction), one transaction per organization. A dry run does exactly the same and
 * rolls each transaction back, so its counts are what --apply would do.
 */

export type Outcome = "created" | "updated" | "unchanged" | "skipped";
export type Counts = Record<
  "organization" | "location" | "service" | "phone",
  Record<Outcome, number>
>;

export function emptyCounts(): Counts {
  const row = () => ({ created: 0, updated: 0, unchanged: 0, skipped: 0 });
  return { organization: row(), location: row(), service: row(), phone: row() };
}

class DryRun extends Error {}

/** Empty texts left out: the write path reads "" as "no value", which required columns refuse. */
function withoutEmpty<F extends object>(fields: F): Partial<F> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== ""),
  ) as Partial<F>;
}

async function writeEntity<T extends Exclude<EntityType, "organization">>(
  tx: Transaction,
  actor: Actor,
  organization: { id: string; trusted: boolean },
  entityType: T,
  id: string,
  fields: Partial<EntityFields[T]>,
): Promise<Outcome | string> {
  const loaded = await handlerFor(entityType).load(tx, id);
  if (loaded && loaded.organizationId !== organization.id)
    return `id ${id} belongs to another organization`;
  const outcome = await commitChange(tx, {
    actor,
    organization,
    entityType,
    entityId: loaded ? id : null,
    operation: loaded ? "update" : "create",
    before: loaded?.fields ?? null,
    submitted: withoutEmpty(fields),
    newId: id,
  });
  return loaded ? (outcome.status === "unchanged" ? "unchanged" : "updated") : "created";
}

/** An organization already in Puente with the same name at one of the same addresses. */
async function sameOrganization(
  tx: Transaction,
  planned: PlannedOrganization,
): Promise<{ slug: string; address: string } | undefined> {
  for (const location of planned.locations) {
    const [row] = await tx
      .select({ slug: organizations.slug, address: locations.address1 })
      .from(organizations)
      .innerJoin(locations, eq(locations.organizationId, organizations.id))
      .where(
        and(
          sql`lower(${organizations.name}) = ${planned.profile.name.toLowerCase()}`,
          sql`lower(${locations.address1}) = ${location.fields.address1.toLowerCase()}`,
          sql`left(${locations.postalCode}, 5) = ${location.fields.postalCode.slice(0, 5)}`,
        ),
      )
      .limit(1);
    if (row) return row;
  }
  return undefined;
}

async function writeOrganization(
  tx: Transaction,
  actor: Actor,
  planned: PlannedOrganization,
  source: string,
  counts: Counts,
  problems: Problem[],
): Promise<void> {
  const [existing] = await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.id, planned.id));
  let changed = false;
  if (!existing) {
    const twin = await sameOrganization(tx, planned);
    if (twin) {
      counts.organization.skipped++;
      problems.push({
        ...planned.origin,
        field: "organization",
        message: `"${planned.profile.name}" at ${twin.address} is already in Puente (/orgs/${twin.slug}) under another id; not imported again`,
      });
      return;
    }
    // Published (searchable at once), not trusted, no editor accounts: staff decide.
    await createOrganization(tx, {
      actor,
      id: planned.id,
      fields: { name: planned.profile.name, status: "published", trusted: false },
    });
    counts.organization.created++;
    changed = true;
  }
  const profile = await updateOrganizationProfile(tx, {
    actor,
    organizationId: planned.id,
    changes: withoutEmpty(planned.profile),
  });
  if (existing) {
    counts.organization[profile.status === "unchanged" ? "unchanged" : "updated"]++;
    changed ||= profile.status !== "unchanged";
  }
  const organization = await loadOrganization(tx, planned.id);
  const record = (kind: keyof Counts, outcome: Outcome | string, origin: Problem) => {
    if (outcome === "created" || outcome === "updated" || outcome === "unchanged") {
      counts[kind][outcome]++;
      if (outcome !== "unchanged") changed = true;
    } else {
      counts[kind].skipped++;
      problems.push({ ...origin, message: `${outcome}; not imported`, refused: true });
    }
  };
  const skippedLocations = new Set<string>();
  const unchangedLocations = new Set<string>();
  for (const location of planned.locations) {
    const outcome = await writeEntity(
      tx,
      actor,
      organization,
      "location",
      location.id,
      location.fields,
    );
    record("location", outcome, { ...location.origin, field: "location.id", message: "" });
    if (outcome === "unchanged") unchangedLocations.add(location.id);
    if (outcome !== "created" && outcome !== "updated" && outcome !== "unchanged") {
      skippedLocations.add(location.id);
      continue;
    }
    const [row] = await tx
      .select({ state: locations.stateProvince, country: locations.country })
      .from(locations)
      .where(eq(locations.id, location.id));
    if (row && (row.state !== location.state || row.country !== location.country)) {
      await tx
        .update(locations)
        .set({
          stateProvince: location.state,
          country: location.country,
          // The write path placed it in a zone before its state was known.
          timeZone: timeZoneOfPlace({
            latitude: location.fields.latitude,
            longitude: location.fields.longitude,
            state: location.state,
          }),
        })
        .where(eq(locations.id, location.id));
      await enqueueSearchSync(tx, { entityType: "location", entityId: location.id });
      if (outcome === "unchanged") {
        counts.location.unchanged--;
        counts.location.updated++;
        unchangedLocations.delete(location.id);
        changed = true;
      }
    }
  }
  const skippedServices = new Set<string>();
  for (const service of planned.services) {
    const fields = {
      ...service.fields,
      locationIds: service.fields.locationIds.filter((id) => !skippedLocations.has(id)),
    };
    const outcome = await writeEntity(tx, actor, organization, "service", service.id, fields);
    record("service", outcome, { ...service.origin, field: "service.id", message: "" });
    if (outcome !== "created" && outcome !== "updated" && outcome !== "unchanged") {
      skippedServices.add(service.id);
      continue;
    }
    const [row] = await tx
      .select({ keywords: services.keywords, assuredDate: services.assuredDate })
      .from(services)
      .where(eq(services.id, service.id));
    const assuredDate = service.assuredDate ?? row?.assuredDate ?? null;
    if (
      row &&
      (row.keywords.join("\n") !== service.keywords.join("\n") || row.assuredDate !== assuredDate)
    ) {
      await tx
        .update(services)
        .set({ keywords: service.keywords, assuredDate })
        .where(eq(services.id, service.id));
      await enqueueSearchSync(tx, { entityType: "service", entityId: service.id });
      if (outcome === "unchanged") {
        counts.service.unchanged--;
        counts.service.updated++;
        changed = true;
      }
    }
  }
  // Each service's hours at each of its places, once both are written (whole: a place's hours
  // missing from the file go, as a service's own hours do).
  for (const location of planned.locations) {
    if (skippedLocations.has(location.id)) continue;
    const serviceHours = Object.fromEntries(
      planned.services.flatMap((service) =>
        !skippedServices.has(service.id) && service.hoursAt[location.id]
          ? [[service.id, service.hoursAt[location.id]!]]
          : [],
      ),
    );
    const outcome = await writeEntity(tx, actor, organization, "location", location.id, {
      serviceHours,
    });
    if (outcome === "updated") {
      changed = true;
      if (unchangedLocations.delete(location.id)) {
        counts.location.unchanged--;
        counts.location.updated++;
      }
    }
  }
  for (const phone of planned.phones) {
    if (
      (phone.fields.serviceId && skippedServices.has(phone.fields.serviceId)) ||
      (phone.fields.locationId && skippedLocations.has(phone.fields.locationId))
    ) {
      counts.phone.skipped++;
      continue;
    }
    const outcome = await writeEntity(tx, actor, organization, "phone", phone.id, phone.fields);
    record("phone", outcome, { ...phone.origin, field: "phone.id", message: "" });
  }
  if (changed) {
    // What the listing's history shows: "imported from <source>".
    await recordAudit(tx, {
      actor,
      organizationId: planned.id,
      entityType: "organization",
      entityId: planned.id,
      action: "import",
      after: { source },
    });
  }
}

/** The database's own words ("violates check constraint ..."), not the failed SQL. */
function reason(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  const message = cause instanceof Error ? cause.message : (error as Error).message;
  return message.split("\n")[0]!.slice(0, 200);
}

export interface WriteResult {
  counts: Counts;
  problems: Problem[];
  refused: number;
}

/** Writes (or, without `apply`, tries and rolls back) every organization, one transaction each. */
export async function writeImport(
  db: Database,
  input: {
    actor: Actor;
    organizations: PlannedOrganization[];
    source: string;
    apply: boolean;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<WriteResult> {
  const counts = emptyCounts();
  const problems: Problem[] = [];
  let refused = 0;
  let done = 0;
  for (const planned of input.organizations) {
    const countsBefore = JSON.stringify(counts);
    const local: Problem[] = [];
    try {
      await db.transaction(async (tx) => {
        await writeOrganization(tx, input.actor, planned, input.source, counts, local);
        if (!input.apply) throw new DryRun();
      });
    } catch (error) {
      if (!(error instanceof DryRun)) {
        // Counts of a rolled-back organization are not what happened.
        Object.assign(counts, JSON.parse(countsBefore));
        counts.organization.skipped++;
        refused++;
        local.push({
          ...planned.origin,
          field: "organization",
          message: `"${planned.profile.name}" not imported: ${reason(error)}`,
          refused: true,
        });
      }
    }
    problems.push(...local);
    input.onProgress?.(++done, input.organizations.length);
  }
  return { counts, problems, refused };
}
