import { and, desc, eq, gte, inArray } from "drizzle-orm";
import { auditLog, organizations, services } from "#db/schema";
import { can, type Actor } from "~/accounts/permissions";
import type { DbOrTx } from "~/db.server";
import { DomainError, notFound } from "~/http/errors";
import { inTransaction } from "./access.server";
import { commitChange, type ChangeOutcome } from "./change-sets.server";
import { handlerFor } from "./entities.server";
import type { ServiceFields } from "./fields";
import { loadOrganization } from "./organization-editing.server";

/*
 * Availability (taking new clients or not, temporarily closed, reopened) is published at once
 * for every member organization (app/directory/services.server.ts). Staff watch those changes
 * here and can undo one: the undo is itself an availability change, audited.
 */

/** The audit actions that change availability and can be undone. */
const UNDOABLE = ["availability", "pause"] as const;
const LISTED = [...UNDOABLE, "availability.undo"] as const;

type AvailabilityField = "acceptingNewClients" | "status";
const FIELDS: AvailabilityField[] = ["acceptingNewClients", "status"];

export interface AvailabilityChange {
  auditId: number;
  at: string;
  serviceId: string;
  serviceName: string;
  organizationName: string;
  action: (typeof LISTED)[number];
  /** What changed, from → to. */
  field: AvailabilityField;
  from: boolean | string;
  to: boolean | string;
  /** Staff may undo it: not an undo itself, and nothing changed the field since. */
  undoable: boolean;
}

function changedField(
  before: Partial<ServiceFields> | null,
  after: Partial<ServiceFields> | null,
): AvailabilityField | undefined {
  return FIELDS.find((field) => before?.[field] !== after?.[field]);
}

function assertStaff(actor: Actor): void {
  if (!can(actor, "review", "changeSet")) throw notFound();
}

/** Availability changes of the last `days` days, newest first. Staff only. */
export async function listAvailabilityChanges(
  db: DbOrTx,
  input: { actor: Actor; days?: number; now?: Date },
): Promise<AvailabilityChange[]> {
  assertStaff(input.actor);
  const since = new Date((input.now ?? new Date()).getTime() - (input.days ?? 30) * 86_400_000);
  const rows = await db
    .select({
      auditId: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      before: auditLog.before,
      after: auditLog.after,
      serviceId: services.id,
      serviceName: services.name,
      acceptingNewClients: services.acceptingNewClients,
      status: services.status,
      organizationName: organizations.name,
    })
    .from(auditLog)
    .innerJoin(services, eq(services.id, auditLog.entityId))
    .innerJoin(organizations, eq(organizations.id, services.organizationId))
    .where(
      and(
        eq(auditLog.entityType, "service"),
        inArray(auditLog.action, [...LISTED]),
        gte(auditLog.at, since),
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(200);
  return rows.flatMap((row) => {
    const before = row.before as Partial<ServiceFields> | null;
    const after = row.after as Partial<ServiceFields> | null;
    const field = changedField(before, after);
    if (!field) return [];
    const current = field === "status" ? row.status : row.acceptingNewClients;
    return [
      {
        auditId: row.auditId,
        at: row.at.toISOString(),
        serviceId: row.serviceId,
        serviceName: row.serviceName,
        organizationName: row.organizationName,
        action: row.action as AvailabilityChange["action"],
        field,
        from: before![field] as boolean | string,
        to: after![field] as boolean | string,
        undoable: (UNDOABLE as readonly string[]).includes(row.action) && current === after![field],
      },
    ];
  });
}

/**
 * Puts back what an availability change replaced, now. Refused (409) when the field has
 * changed again since: undoing would then erase a newer change.
 */
export async function undoAvailabilityChange(
  db: DbOrTx,
  input: { actor: Actor; auditId: number },
): Promise<ChangeOutcome> {
  assertStaff(input.actor);
  return inTransaction(db, async (tx) => {
    const [entry] = await tx
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.id, input.auditId),
          eq(auditLog.entityType, "service"),
          inArray(auditLog.action, [...UNDOABLE]),
        ),
      );
    if (!entry?.entityId) throw notFound();
    const before = entry.before as Partial<ServiceFields> | null;
    const after = entry.after as Partial<ServiceFields> | null;
    const field = changedField(before, after);
    const loaded = await handlerFor("service").load(tx, entry.entityId);
    if (!field || !loaded) throw notFound();
    if (loaded.fields[field] !== after![field])
      throw new DomainError(409, "errors.conflict.body", "common", {
        detail: "availability changed again since",
      });
    return commitChange(tx, {
      actor: input.actor,
      organization: await loadOrganization(tx, loaded.organizationId),
      entityType: "service",
      entityId: entry.entityId,
      operation: "update",
      before: loaded.fields,
      submitted: { [field]: before![field] } as Partial<ServiceFields>,
      immediate: true,
      auditAction: "availability.undo",
    });
  });
}
