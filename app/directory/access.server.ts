import { can, type Action, type Actor, type Resource } from "~/accounts/permissions";
import type { Database, DbOrTx, Transaction } from "~/db.server";
import { forbidden, notFound } from "~/http/errors";

/**
 * Refuses an action unless the permission module allows it. Whoever may not even read the
 * target gets "not found" (an editor of another organization learns nothing about it);
 * whoever may read it but not do this gets "forbidden". The target's organizationId must come
 * from the database row being acted on, never from the request.
 */
export function assertCan(
  actor: Actor,
  action: Action,
  resource: Resource,
  target: { organizationId: string | null },
): void {
  if (can(actor, action, resource, target)) return;
  if (action !== "read" && can(actor, "read", resource, target)) throw forbidden();
  throw notFound();
}

/** A transaction on a database, or a savepoint inside the caller's transaction. */
export function inTransaction<T>(db: DbOrTx, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return (db as Database).transaction(work);
}

/** Editors of organizations that staff have not marked trusted propose; everyone else applies. */
export function needsReview(actor: Actor, organization: { trusted: boolean }): boolean {
  return actor.role === "org_editor" && !organization.trusted;
}
