/**
 * Placeholder, replaced at merge with a query on the accounts branch's users and memberships:
 * the email addresses of an organization's active editor accounts. Until then nobody has an
 * account, so reminders go to the organization's public email (see freshness.server.ts).
 */
import type { DbOrTx } from "~/db.server";

export async function listOrganizationEditorEmails(
  _tx: DbOrTx,
  _organizationId: string,
): Promise<string[]> {
  return [];
}
