// placeholder, replaced at merge (the listings branch writes the shared audit_log).
import type { DbOrTx } from "~/db.server";

export interface AuditEntry {
  actorUserId: string | null;
  organizationId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

export async function recordAudit(_tx: DbOrTx, _entry: AuditEntry): Promise<void> {}
