import { and, desc, eq, lt } from "drizzle-orm";
import { auditLog, organizations, type AuditLogRow } from "#db/schema";
import type { Actor } from "~/accounts/permissions";
import type { DbOrTx } from "~/db.server";
import { assertCan } from "./access.server";
import { notFound } from "./errors";
import type { EntityType } from "./fields";

export type AuditAction =
  | "create"
  | "update"
  | "delete"
  | "pause"
  | "archive"
  | "confirm"
  | "submit"
  | "approve"
  | "return"
  | "withdraw"
  | "manage";

export interface AuditEntry {
  actor: Actor | null;
  organizationId: string | null;
  entityType: EntityType | "changeSet";
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

export const AUDIT_PAGE_SIZE = 50;

/** An organization's audit trail, newest first; `beforeId` pages back in time. */
export async function listAuditLog(
  db: DbOrTx,
  input: { actor: Actor; organizationId: string; beforeId?: number },
): Promise<{
  organization: { id: string; name: string };
  entries: AuditLogRow[];
  nextBeforeId: number | null;
}> {
  const [organization] = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, input.organizationId));
  if (!organization) throw notFound();
  assertCan(input.actor, "read", "auditLog", { organizationId: organization.id });
  const entries = await db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.organizationId, organization.id),
        input.beforeId ? lt(auditLog.id, input.beforeId) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1);
  const more = entries.length > AUDIT_PAGE_SIZE;
  const page = entries.slice(0, AUDIT_PAGE_SIZE);
  return { organization, entries: page, nextBeforeId: more ? page.at(-1)!.id : null };
}
