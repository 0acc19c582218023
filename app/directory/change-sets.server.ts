import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import {
  changeSets,
  locations,
  organizations,
  phones,
  services,
  type ChangeOperation,
  type ChangeSetRow,
  type ChangeSetStatus,
} from "#db/schema";
import { can, type Actor } from "~/accounts/permissions";
import type { DbOrTx, Transaction } from "~/db.server";
import { coalitionToday } from "~/coalition.server";
import { enqueueSearchSync } from "~/search-outbox/outbox.server";
import { assertCan, inTransaction, needsReview } from "./access.server";
import { recordAudit, type AuditAction } from "./audit.server";
import { assertReferencesBelong, handlerFor, type EntityHandler } from "./entities.server";
import { DomainError, notFound } from "~/http/errors";
import {
  changedFields,
  diffChange,
  inFieldOrder,
  type AnyFields,
  type DiffRow,
  type EntityFields,
  type EntityType,
} from "./fields";

export type ChangeOutcome = { organizationId: string } & (
  | { status: "applied"; entityId: string }
  | { status: "pending"; entityId: string | null; changeSetId: string }
  | { status: "unchanged"; entityId: string }
);

export interface CommitInput<T extends EntityType> {
  actor: Actor;
  /** Read from the database by the caller, never from the request. */
  organization: { id: string; trusted: boolean };
  entityType: T;
  entityId: string | null;
  operation: ChangeOperation;
  /** The entity's current fields (null when creating). */
  before: EntityFields[T] | null;
  /** What the person submitted; only the fields that differ from `before` are kept. */
  submitted: Partial<EntityFields[T]>;
  /** Applies at once even for an untrusted editor (withdrawing a service from the directory). */
  immediate?: boolean;
  auditAction?: AuditAction;
  /** When creating: the id of the new row (an import keeps its source's ids). */
  newId?: string;
}

function anyHandler(type: EntityType): EntityHandler<AnyFields> {
  return handlerFor(type) as unknown as EntityHandler<AnyFields>;
}

/**
 * The single path every edit of a listing takes. Staff, admins and editors of trusted
 * organizations apply the change now (audit log and search outbox in the same transaction);
 * an editor of an untrusted organization gets a pending change set, which replaces any
 * earlier pending proposal for the same entity. Call it inside a transaction.
 */
export async function commitChange<T extends EntityType>(
  tx: Transaction,
  input: CommitInput<T>,
): Promise<ChangeOutcome> {
  const changes =
    input.operation === "delete"
      ? {}
      : (changedFields(input.before as object | null, input.submitted) as Record<string, unknown>);
  if (input.operation === "update" && Object.keys(changes).length === 0) {
    return {
      status: "unchanged",
      entityId: input.entityId!,
      organizationId: input.organization.id,
    };
  }
  await assertReferencesBelong(tx, input.organization.id, input.entityType, changes);

  if (!input.immediate && needsReview(input.actor, input.organization)) {
    if (input.entityId) {
      await tx
        .update(changeSets)
        .set({ status: "withdrawn" })
        .where(
          and(
            eq(changeSets.entityType, input.entityType),
            eq(changeSets.entityId, input.entityId),
            eq(changeSets.status, "pending"),
          ),
        );
    }
    const [created] = await tx
      .insert(changeSets)
      .values({
        organizationId: input.organization.id,
        authorUserId: input.actor.userId,
        authorEmail: input.actor.email,
        entityType: input.entityType,
        entityId: input.entityId,
        operation: input.operation,
        changes,
        baseSnapshot: input.before,
      })
      .returning({ id: changeSets.id });
    await recordAudit(tx, {
      actor: input.actor,
      organizationId: input.organization.id,
      entityType: input.entityType,
      entityId: input.entityId,
      action: "submit",
      changeSetId: created!.id,
      // What the proposal would replace, field for field (all of it when deleting).
      before:
        input.before && input.operation !== "delete"
          ? Object.fromEntries(
              Object.keys(changes).map((field) => [
                field,
                (input.before as unknown as Record<string, unknown>)[field],
              ]),
            )
          : input.before,
      after: changes,
    });
    return {
      status: "pending",
      entityId: input.entityId,
      changeSetId: created!.id,
      organizationId: input.organization.id,
    };
  }

  const entityId = await applyChange(tx, {
    actor: input.actor,
    organizationId: input.organization.id,
    entityType: input.entityType,
    entityId: input.entityId,
    operation: input.operation,
    before: input.before,
    changes,
    auditAction: input.auditAction,
    newId: input.newId,
  });
  return { status: "applied", entityId, organizationId: input.organization.id };
}

async function applyChange(
  tx: Transaction,
  input: {
    actor: Actor;
    organizationId: string;
    entityType: EntityType;
    entityId: string | null;
    operation: ChangeOperation;
    before: AnyFields | null;
    changes: Record<string, unknown>;
    changeSetId?: string;
    auditAction?: AuditAction;
    newId?: string;
  },
): Promise<string> {
  const handler = anyHandler(input.entityType);
  let entityId: string;
  let after: AnyFields | null = null;
  if (input.operation === "delete") {
    entityId = input.entityId!;
    await handler.delete!(tx, entityId);
  } else {
    entityId = await handler.apply(tx, {
      id: input.entityId,
      organizationId: input.organizationId,
      before: input.before,
      changes: input.changes as Partial<AnyFields>,
      newId: input.newId,
    });
    after = (await handler.load(tx, entityId))!.fields;
  }
  await recordAudit(tx, {
    actor: input.actor,
    organizationId: input.organizationId,
    entityType: input.entityType,
    entityId,
    action: input.auditAction ?? input.operation,
    changeSetId: input.changeSetId,
    before: input.before,
    after,
  });
  await enqueueSearchSync(
    tx,
    ...handler.searchEntities(entityId, input.organizationId, [input.before, after]),
  );
  return entityId;
}

async function lockChangeSet(tx: Transaction, changeSetId: string): Promise<ChangeSetRow> {
  const [row] = await tx
    .select()
    .from(changeSets)
    .where(eq(changeSets.id, changeSetId))
    .for("update");
  if (!row) throw notFound();
  return row;
}

/**
 * Staff accept a proposal: it is applied, published and queued for re-indexing in one
 * transaction, and the audit log records the reviewer with a link to the change set.
 */
export async function approveChangeSet(
  db: DbOrTx,
  input: { actor: Actor; changeSetId: string },
): Promise<{ entityId: string }> {
  return inTransaction(db, async (tx) => {
    const changeSet = await lockChangeSet(tx, input.changeSetId);
    assertCan(input.actor, "review", "changeSet", changeSet);
    if (changeSet.status !== "pending")
      throw new DomainError(409, "review.conflict.notPending", "staff");
    const entityType = changeSet.entityType as EntityType;
    let before: AnyFields | null = null;
    if (changeSet.entityId) {
      const current = await anyHandler(entityType).load(tx, changeSet.entityId);
      if (!current || current.organizationId !== changeSet.organizationId) {
        throw new DomainError(409, "review.conflict.entityGone", "staff");
      }
      before = current.fields;
    }
    const entityId = await applyChange(tx, {
      actor: input.actor,
      organizationId: changeSet.organizationId,
      entityType,
      entityId: changeSet.entityId,
      operation: changeSet.operation as ChangeOperation,
      before,
      changes: changeSet.changes as Record<string, unknown>,
      changeSetId: changeSet.id,
    });
    await tx
      .update(changeSets)
      .set({
        status: "approved",
        entityId,
        reviewerUserId: input.actor.userId,
        reviewedAt: new Date(),
      })
      .where(eq(changeSets.id, changeSet.id));
    await confirmByApproval(tx, changeSet.organizationId, entityType, entityId);
    return { entityId };
  });
}

/**
 * Applies a pending change set inside the caller's transaction exactly as approval would, for
 * a preview of the public page that the caller then rolls back (app/directory/preview.server.ts).
 * Editors of the organization and staff only; anyone else gets 404.
 */
export async function applyForPreview(
  tx: Transaction,
  input: { actor: Actor; changeSetId: string },
): Promise<ChangeSetRow> {
  const [changeSet] = await tx
    .select()
    .from(changeSets)
    .where(eq(changeSets.id, input.changeSetId))
    .limit(1);
  if (!changeSet || !can(input.actor, "read", "changeSet", changeSet)) throw notFound();
  if (changeSet.status !== "pending") throw notFound();
  const entityType = changeSet.entityType as EntityType;
  let before: AnyFields | null = null;
  if (changeSet.entityId) {
    const current = await anyHandler(entityType).load(tx, changeSet.entityId);
    if (!current || current.organizationId !== changeSet.organizationId) throw notFound();
    before = current.fields;
  }
  await applyChange(tx, {
    actor: input.actor,
    organizationId: changeSet.organizationId,
    entityType,
    entityId: changeSet.entityId,
    operation: changeSet.operation as ChangeOperation,
    before,
    changes: changeSet.changes as Record<string, unknown>,
    changeSetId: changeSet.id,
  });
  return changeSet;
}

/**
 * An approved change counts as a confirmation: a person at the organization looked at the
 * listing and staff checked the change, so "last confirmed" moves to today for the
 * organization (and for the service when the change was to a service).
 */
async function confirmByApproval(
  tx: Transaction,
  organizationId: string,
  entityType: EntityType,
  entityId: string,
): Promise<void> {
  const today = coalitionToday(new Date()).isoDate;
  await tx
    .update(organizations)
    .set({ assuredDate: today })
    .where(eq(organizations.id, organizationId));
  // The applied change already queued its entity for re-indexing (read after commit); a
  // location's services carry the organization's date, so re-index the organization too.
  if (entityType === "service") {
    await tx.update(services).set({ assuredDate: today }).where(eq(services.id, entityId));
  } else if (entityType === "location") {
    await enqueueSearchSync(tx, { entityType: "organization", entityId: organizationId });
  }
}

/** Staff send a proposal back to the organization with a comment; nothing is applied. */
export async function returnChangeSet(
  db: DbOrTx,
  input: { actor: Actor; changeSetId: string; comment: string },
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const changeSet = await lockChangeSet(tx, input.changeSetId);
    assertCan(input.actor, "review", "changeSet", changeSet);
    if (changeSet.status !== "pending")
      throw new DomainError(409, "review.conflict.notPending", "staff");
    await tx
      .update(changeSets)
      .set({
        status: "returned",
        reviewComment: input.comment,
        reviewerUserId: input.actor.userId,
        reviewedAt: new Date(),
      })
      .where(eq(changeSets.id, changeSet.id));
    await recordAudit(tx, {
      actor: input.actor,
      organizationId: changeSet.organizationId,
      entityType: changeSet.entityType as EntityType,
      entityId: changeSet.entityId,
      action: "return",
      changeSetId: changeSet.id,
      after: { comment: input.comment },
    });
  });
}

/** The organization takes back a proposal that is still waiting. */
export async function withdrawChangeSet(
  db: DbOrTx,
  input: { actor: Actor; changeSetId: string },
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const changeSet = await lockChangeSet(tx, input.changeSetId);
    assertCan(input.actor, "update", "changeSet", changeSet);
    if (changeSet.status !== "pending")
      throw new DomainError(409, "review.conflict.notPending", "staff");
    await tx.update(changeSets).set({ status: "withdrawn" }).where(eq(changeSets.id, changeSet.id));
    await recordAudit(tx, {
      actor: input.actor,
      organizationId: changeSet.organizationId,
      entityType: changeSet.entityType as EntityType,
      entityId: changeSet.entityId,
      action: "withdraw",
      changeSetId: changeSet.id,
    });
  });
}

/** The proposal still waiting for an entity, if any (its values prefill the edit form). */
export async function pendingChangeFor(
  db: DbOrTx,
  entityType: EntityType,
  entityId: string,
): Promise<{ id: string; changes: Record<string, unknown>; createdAt: Date } | undefined> {
  const [row] = await db
    .select({ id: changeSets.id, changes: changeSets.changes, createdAt: changeSets.createdAt })
    .from(changeSets)
    .where(
      and(
        eq(changeSets.entityType, entityType),
        eq(changeSets.entityId, entityId),
        eq(changeSets.status, "pending"),
      ),
    )
    .orderBy(desc(changeSets.createdAt))
    .limit(1);
  return row ? { ...row, changes: row.changes as Record<string, unknown> } : undefined;
}

/** A short human label for what a change set is about: a name, an address, a number. */
async function entityLabels(
  db: DbOrTx,
  rows: Array<Pick<ChangeSetRow, "id" | "entityType" | "entityId" | "changes">>,
): Promise<Map<string, string>> {
  const idsOf = (type: EntityType) =>
    rows.filter((r) => r.entityType === type && r.entityId).map((r) => r.entityId!);
  const [orgRows, serviceRows, locationRows, phoneRows] = await Promise.all([
    idsOf("organization").length
      ? db
          .select({ id: organizations.id, label: organizations.name })
          .from(organizations)
          .where(inArray(organizations.id, idsOf("organization")))
      : [],
    idsOf("service").length
      ? db
          .select({ id: services.id, label: services.name })
          .from(services)
          .where(inArray(services.id, idsOf("service")))
      : [],
    idsOf("location").length
      ? db
          .select({ id: locations.id, label: locations.address1 })
          .from(locations)
          .where(inArray(locations.id, idsOf("location")))
      : [],
    idsOf("phone").length
      ? db
          .select({ id: phones.id, label: phones.number })
          .from(phones)
          .where(inArray(phones.id, idsOf("phone")))
      : [],
  ]);
  const current = new Map(
    [...orgRows, ...serviceRows, ...locationRows, ...phoneRows].map((r) => [r.id, r.label]),
  );
  const labels = new Map<string, string>();
  for (const row of rows) {
    const changes = row.changes as Record<string, unknown>;
    const proposed = changes.name ?? changes.address1 ?? changes.number;
    const label =
      (row.entityId ? current.get(row.entityId) : undefined) ??
      (typeof proposed === "string" ? proposed : "");
    labels.set(row.id, label);
  }
  return labels;
}

export interface ChangeSetSummary {
  id: string;
  organizationId: string;
  organizationName: string;
  entityType: EntityType;
  entityId: string | null;
  operation: ChangeOperation;
  label: string;
  status: ChangeSetStatus;
  authorEmail: string;
  reviewComment: string | null;
  createdAt: string;
  reviewedAt: string | null;
  fields: string[];
}

async function summarize(
  db: DbOrTx,
  rows: Array<ChangeSetRow & { organizationName: string }>,
): Promise<ChangeSetSummary[]> {
  const labels = await entityLabels(db, rows);
  return rows.map((row) => ({
    id: row.id,
    organizationId: row.organizationId,
    organizationName: row.organizationName,
    entityType: row.entityType as EntityType,
    entityId: row.entityId,
    operation: row.operation as ChangeOperation,
    label: labels.get(row.id) ?? "",
    status: row.status,
    authorEmail: row.authorEmail,
    reviewComment: row.reviewComment,
    createdAt: row.createdAt.toISOString(),
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
    fields: inFieldOrder(row.entityType as EntityType, Object.keys(row.changes as object)),
  }));
}

const withOrganizationName = {
  organizationName: organizations.name,
};

/** Pending proposals, oldest first: what staff review next. */
export async function listReviewQueue(
  db: DbOrTx,
  input: { actor: Actor },
): Promise<ChangeSetSummary[]> {
  assertCan(input.actor, "review", "changeSet", { organizationId: null });
  const rows = await db
    .select({ changeSet: changeSets, ...withOrganizationName })
    .from(changeSets)
    .innerJoin(organizations, eq(organizations.id, changeSets.organizationId))
    .where(eq(changeSets.status, "pending"))
    .orderBy(asc(changeSets.createdAt));
  return summarize(
    db,
    rows.map((r) => ({ ...r.changeSet, organizationName: r.organizationName })),
  );
}

export async function countPendingChangeSets(db: DbOrTx, input: { actor: Actor }): Promise<number> {
  assertCan(input.actor, "review", "changeSet", { organizationId: null });
  const [row] = await db
    .select({ value: count() })
    .from(changeSets)
    .where(eq(changeSets.status, "pending"));
  return row?.value ?? 0;
}

/** Recent proposals of the given organizations (pending first), for the portal dashboard. */
export async function listRecentChangeSets(
  db: DbOrTx,
  input: { actor: Actor; organizationIds: string[]; limit?: number },
): Promise<ChangeSetSummary[]> {
  const allowed = input.organizationIds.filter((organizationId) => {
    try {
      assertCan(input.actor, "read", "changeSet", { organizationId });
      return true;
    } catch {
      return false;
    }
  });
  if (allowed.length === 0) return [];
  const rows = await db
    .select({ changeSet: changeSets, ...withOrganizationName })
    .from(changeSets)
    .innerJoin(organizations, eq(organizations.id, changeSets.organizationId))
    .where(inArray(changeSets.organizationId, allowed))
    .orderBy(sql`${changeSets.status} = 'pending' DESC`, desc(changeSets.createdAt))
    .limit(input.limit ?? 30);
  return summarize(
    db,
    rows.map((r) => ({ ...r.changeSet, organizationName: r.organizationName })),
  );
}

export interface ChangeSetReview {
  changeSet: ChangeSetSummary;
  organization: { id: string; name: string; trusted: boolean };
  /** False when the entity was deleted after the proposal was made. */
  entityExists: boolean;
  rows: DiffRow[];
  /** Names of the organization's services and locations, for ids in the diff. */
  references: Record<string, string>;
}

/** Everything the review screen shows: the proposal, field by field, against what is published. */
export async function getChangeSetForReview(
  db: DbOrTx,
  input: { actor: Actor; changeSetId: string },
): Promise<ChangeSetReview> {
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .select({
        changeSet: changeSets,
        organizationName: organizations.name,
        trusted: organizations.trusted,
      })
      .from(changeSets)
      .innerJoin(organizations, eq(organizations.id, changeSets.organizationId))
      .where(eq(changeSets.id, input.changeSetId));
    if (!row) throw notFound();
    assertCan(input.actor, "review", "changeSet", row.changeSet);
    const changeSet = row.changeSet;
    const current = changeSet.entityId
      ? await anyHandler(changeSet.entityType as EntityType).load(tx, changeSet.entityId)
      : undefined;
    const [summary] = await summarize(tx, [
      { ...changeSet, organizationName: row.organizationName },
    ]);
    const base = changeSet.baseSnapshot as Record<string, unknown> | null;
    const currentFields = (current?.fields as unknown as Record<string, unknown>) ?? null;
    // A deletion proposes no values: show every field going away.
    const proposed =
      changeSet.operation === "delete"
        ? Object.fromEntries(Object.keys(base ?? currentFields ?? {}).map((field) => [field, null]))
        : (changeSet.changes as Record<string, unknown>);
    const [serviceNames, locationNames] = await Promise.all([
      tx
        .select({ id: services.id, label: services.name })
        .from(services)
        .where(eq(services.organizationId, changeSet.organizationId)),
      tx
        .select({ id: locations.id, address1: locations.address1, city: locations.city })
        .from(locations)
        .where(eq(locations.organizationId, changeSet.organizationId)),
    ]);
    return {
      changeSet: summary!,
      organization: {
        id: changeSet.organizationId,
        name: row.organizationName,
        trusted: row.trusted,
      },
      entityExists: changeSet.entityId === null || current !== undefined,
      rows: diffChange(changeSet.entityType as EntityType, base, currentFields, proposed),
      references: Object.fromEntries([
        ...serviceNames.map((r) => [r.id, r.label]),
        ...locationNames.map((r) => [r.id, `${r.address1}, ${r.city}`]),
      ]),
    };
  });
}
