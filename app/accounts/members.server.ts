// placeholder, replaced at merge (the accounts branch owns memberships).
import type { DbOrTx } from "~/db.server";

/** Emails of the accounts that edit an organization (active org_editor memberships). */
export async function listOrganizationEditorEmails(
  _db: DbOrTx,
  _organizationId: string,
): Promise<string[]> {
  return [];
}
