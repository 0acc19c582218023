import { asc, inArray } from "drizzle-orm";
import { organizationMemberships, organizations } from "#db/schema";
import type { Role } from "#db/codes/accounts";
import { createUser, findUserByEmail } from "~/accounts/users.server";
import type { DbOrTx } from "~/db.server";
import { DEMO_ACCOUNTS } from "./demo-accounts";

export { DEMO_ACCOUNTS } from "./demo-accounts";

/**
 * Demo accounts, created only with the demo data (never in a real deployment: anyone can read
 * these passwords here and in the README). The passwords pass the password policy.
 */
export interface DemoAccount {
  email: string;
  password: string;
  name: string;
  role: Role;
  /** Slugs of the organizations this seeding made the account an editor of. */
  organizations: string[];
}

/**
 * Creates the demo admin, staff member and two editors (one for each of the first two
 * organizations by slug, or of `organizationSlugs`). Idempotent: existing accounts are kept
 * as they are, missing memberships are added.
 */
export async function seedDemoAccounts(
  db: DbOrTx,
  options: { organizationSlugs?: [string, string] | string[] } = {},
): Promise<DemoAccount[]> {
  const slugs = options.organizationSlugs;
  const orgs = slugs
    ? await db
        .select({ id: organizations.id, slug: organizations.slug })
        .from(organizations)
        .where(inArray(organizations.slug, slugs))
    : await db
        .select({ id: organizations.id, slug: organizations.slug })
        .from(organizations)
        .orderBy(asc(organizations.slug))
        .limit(2);
  const ordered = slugs
    ? slugs.flatMap((slug) => orgs.filter((organization) => organization.slug === slug))
    : orgs;

  const plan = [
    { ...DEMO_ACCOUNTS.admin, organizations: [] as typeof ordered },
    { ...DEMO_ACCOUNTS.staff, organizations: [] as typeof ordered },
    { ...DEMO_ACCOUNTS.editorA, organizations: ordered.slice(0, 1) },
    { ...DEMO_ACCOUNTS.editorB, organizations: ordered.slice(1, 2) },
  ];

  const accounts: DemoAccount[] = [];
  for (const account of plan) {
    const result = await createUser(db, {
      email: account.email,
      name: account.name,
      role: account.role,
      password: account.password,
      organizationIds: account.organizations.map((organization) => organization.id),
    });
    if (result.status === "weakPassword") {
      throw new Error(`Demo password of ${account.email} fails the policy: ${result.problem}`);
    }
    if (result.status === "exists" && account.organizations.length) {
      const existing = await findUserByEmail(db, account.email);
      if (existing) {
        await db
          .insert(organizationMemberships)
          .values(
            account.organizations.map((organization) => ({
              userId: existing.id,
              organizationId: organization.id,
            })),
          )
          .onConflictDoNothing();
      }
    }
    accounts.push({
      email: account.email,
      password: account.password,
      name: account.name,
      role: account.role,
      organizations: account.organizations.map((organization) => organization.slug),
    });
  }
  return accounts;
}
