import { auditLog } from "#db/schema";
import type { Actor } from "~/accounts/permissions";
import type { DbOrTx } from "~/db.server";
import type { EntityType } from "~/directory/fields";

/**
 * The audit log: who did what, when, with before/after. Listing changes, reviews and every
 * read of a referral's personal data are written here, in the transaction that does them.
 */
export type AuditAction =
  | "create"
  | "update"
  | "delete"
  | "pause"
  | "archive"
  /** Taking new clients or not, reopening: published at once, undoable by staff. */
  | "availability"
  | "availability.undo"
  | "confirm"
  | "submit"
  | "approve"
  | "return"
  | "withdraw"
  | "manage"
  /** An import wrote the listing; `after.source` names the file or folder. */
  | "import"
  | "referral.copied"
  | "referral.personal_data.read"
  /** Staff looked a referral up (by code, phone or email; never the value itself). */
  | "referral.lookup";

export interface AuditEntry {
  actor: Actor | null;
  organizationId: string | null;
  entityType: EntityType | "changeSet" | "referral";
  entityId: string | null;
  action: AuditAction;
  changeSetId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Records one change; call it inside the transaction that makes the change. */
export async function recordAudit(tx: DbOrTx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorUserId: entry.actor?.userId ?? null,
    actorEmail: entry.actor?.email ?? null,
    organizationId: entry.organizationId,
    entityType: entry.entityType,
    entityId: entry.entityId,
    action: entry.action,
    changeSetId: entry.changeSetId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
