import { and, asc, eq, isNull } from "drizzle-orm";
import { organizationMemberships, users } from "#db/schema";
import type { DbOrTx } from "~/db.server";
import { localeOrDefault } from "~/i18n/locales";
import type { Recipient } from "~/mail/render.server";

/** The organization's editor accounts that are not disabled, with the language each reads. */
export async function listOrganizationEditors(
  tx: DbOrTx,
  organizationId: string,
): Promise<Recipient[]> {
  const rows = await tx
    .select({ email: users.email, locale: users.locale })
    .from(organizationMemberships)
    .innerJoin(users, eq(users.id, organizationMemberships.userId))
    .where(
      and(eq(organizationMemberships.organizationId, organizationId), isNull(users.disabledAt)),
    )
    .orderBy(asc(users.email));
  return rows.map((row) => ({ email: row.email, locale: localeOrDefault(row.locale) }));
}
