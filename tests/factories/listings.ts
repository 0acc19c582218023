import { randomBytes } from "node:crypto";
import {
  locations,
  organizationMemberships,
  organizations,
  phones,
  schedules,
  serviceAtLocation,
  serviceLanguages,
  services,
  serviceTaxonomy,
  taxonomyTerms,
  users,
} from "#db/schema";
import { inArray } from "drizzle-orm";
import type { Actor } from "~/accounts/permissions";
import type { Database } from "~/db.server";
import { CATEGORY_CODES } from "#db/codes/categories";

/** Fixtures for listing tests, inserted with drizzle; every call makes fresh, unique rows. */

const unique = () => randomBytes(3).toString("hex");

export async function ensureTaxonomy(db: Database): Promise<void> {
  await db
    .insert(taxonomyTerms)
    .values(CATEGORY_CODES.map((code, position) => ({ code, name: code, position })))
    .onConflictDoNothing();
}

export async function insertOrganization(
  db: Database,
  values: Partial<typeof organizations.$inferInsert> = {},
) {
  const suffix = unique();
  const [row] = await db
    .insert(organizations)
    .values({
      slug: `org-${suffix}`,
      name: `Test Legal Aid ${suffix}`,
      description: "Free immigration legal help.",
      status: "published",
      email: `intake-${suffix}@example.org`,
      assuredDate: "2026-01-15",
      ...values,
    })
    .returning();
  return row!;
}

export async function insertLocation(
  db: Database,
  organizationId: string,
  values: Partial<typeof locations.$inferInsert> = {},
) {
  const [row] = await db
    .insert(locations)
    .values({
      organizationId,
      address1: "40-10 Junction Blvd",
      city: "Queens",
      county: "36081",
      postalCode: "11368",
      latitude: 40.7498,
      longitude: -73.8624,
      ...values,
    })
    .returning();
  return row!;
}

export async function insertService(
  db: Database,
  organizationId: string,
  options: {
    values?: Partial<typeof services.$inferInsert>;
    categories?: string[];
    languages?: string[];
    locationIds?: string[];
    hours?: Array<{ weekday: number; opensAt: string; closesAt: string }>;
  } = {},
) {
  const [row] = await db
    .insert(services)
    .values({
      organizationId,
      name: `Asylum clinic ${unique()}`,
      description: "Help with asylum applications.",
      status: "active",
      fees: "free",
      deliveryMethods: ["in_person"],
      assuredDate: "2026-01-15",
      ...options.values,
    })
    .returning();
  const service = row!;
  const categories = options.categories ?? ["asylum"];
  if (categories.length) {
    const terms = await db
      .select({ id: taxonomyTerms.id })
      .from(taxonomyTerms)
      .where(inArray(taxonomyTerms.code, categories));
    await db
      .insert(serviceTaxonomy)
      .values(terms.map((t) => ({ serviceId: service.id, termId: t.id })));
  }
  const languages = options.languages ?? ["en", "es"];
  if (languages.length) {
    await db
      .insert(serviceLanguages)
      .values(languages.map((code) => ({ serviceId: service.id, code })));
  }
  for (const locationId of options.locationIds ?? []) {
    await db.insert(serviceAtLocation).values({ serviceId: service.id, locationId });
  }
  const hours = options.hours ?? [{ weekday: 1, opensAt: "09:00", closesAt: "17:00" }];
  if (hours.length) {
    await db.insert(schedules).values(hours.map((h) => ({ serviceId: service.id, ...h })));
  }
  return service;
}

export async function insertPhone(
  db: Database,
  organizationId: string,
  values: Partial<typeof phones.$inferInsert> = {},
) {
  const [row] = await db
    .insert(phones)
    .values({ organizationId, number: "718-555-0100", ...values })
    .returning();
  return row!;
}

/** An account (inserted directly: these tests never sign in with a password). */
async function insertAccount(
  db: Database,
  role: Actor["role"],
  organizationIds: string[],
): Promise<Actor> {
  const id = unique();
  const [user] = await db
    .insert(users)
    .values({
      email: `${role.replace("_", "-")}-${id}@example.org`,
      name: `Test ${role} ${id}`,
      passwordHash: "not-a-password-hash",
      role,
    })
    .returning();
  if (organizationIds.length > 0) {
    await db
      .insert(organizationMemberships)
      .values(organizationIds.map((organizationId) => ({ userId: user!.id, organizationId })));
  }
  return {
    userId: user!.id,
    email: user!.email,
    name: user!.name,
    role,
    organizationIds,
  };
}

export function editorOf(db: Database, ...organizationIds: string[]): Promise<Actor> {
  return insertAccount(db, "org_editor", organizationIds);
}

export function staffMember(db: Database, role: "staff" | "admin" = "staff"): Promise<Actor> {
  return insertAccount(db, role, []);
}
