import { and, asc, eq, isNull } from "drizzle-orm";
import { organizationMemberships, users } from "#db/schema";
import type { DbOrTx } from "~/db.server";

/** Email addresses of the organization's editor accounts that are not disabled. */
export async function listOrganizationEditorEmails(
  tx: DbOrTx,
  organizationId: string,
): Promise<string[]> {
  const rows = await tx
    .select({ email: users.email })
    .from(organizationMemberships)
    .innerJoin(users, eq(users.id, organizationMemberships.userId))
    .where(
      and(eq(organizationMemberships.organizationId, organizationId), isNull(users.disabledAt)),
    )
    .orderBy(asc(users.email));
  return rows.map((row) => row.email);
}
