import { randomBytes } from "node:crypto";
import { organizations } from "#db/schema";
import type { Role } from "#db/codes/accounts";
import { createUser } from "~/accounts/users.server";
import type { Database } from "~/db.server";

export const TEST_PASSWORD = "orchard-kettle-nimbus-54";

export async function createOrganization(db: Database, name = "Test Organization") {
  const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${randomBytes(3).toString("hex")}`;
  const [organization] = await db
    .insert(organizations)
    .values({ slug, name, status: "published" })
    .returning();
  return organization!;
}

export async function createAccount(
  db: Database,
  options: {
    role?: Role;
    email?: string;
    name?: string;
    organizationIds?: string[];
    password?: string;
  } = {},
) {
  const email = options.email ?? `person-${randomBytes(4).toString("hex")}@example.org`;
  const result = await createUser(db, {
    email,
    name: options.name ?? "Test Person",
    role: options.role ?? "org_editor",
    password: options.password ?? TEST_PASSWORD,
    organizationIds: options.organizationIds ?? [],
  });
  if (result.status !== "created") throw new Error(`could not create ${email}: ${result.status}`);
  return { id: result.userId, email, password: options.password ?? TEST_PASSWORD };
}
