import { and, desc, eq, lt } from "drizzle-orm";
import { auditLog, organizations, type AuditLogRow } from "#db/schema";
import type { Actor } from "~/accounts/permissions";
import type { DbOrTx } from "~/db.server";
import { assertCan } from "./access.server";
import { notFound } from "~/http/errors";

export { recordAudit, type AuditAction, type AuditEntry } from "~/audit/audit.server";

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
