import { randomBytes } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import {
  locations,
  organizationMemberships,
  organizationTranslations,
  organizations,
  phones,
  schedules,
  serviceAreas,
  serviceAtLocation,
  serviceLanguages,
  serviceTaxonomy,
  serviceTranslations,
  services,
  taxonomyTermTranslations,
  taxonomyTerms,
  users,
} from "#db/schema";
import type { Actor } from "~/accounts/permissions";
import type { Role } from "#db/codes/accounts";
import { createUser } from "~/accounts/users.server";
import type { Database } from "~/db.server";
import { CATEGORY_CODES, type CategoryCode } from "#db/codes/categories";
import type { CountyCode } from "#db/codes/counties";
import { enqueueSearchSync } from "~/search-outbox/outbox.server";

/*
 * The fixture factories of the integration tests (one module: organizations, listings,
 * accounts). The create* ones write their rows and the search outbox row in one transaction,
 * as the real listing code does, so tests drain the outbox to index. The insert* ones (listing
 * editing tests) write plain rows with the defaults those tests compare against, and no outbox
 * row.
 */

const unique = () => randomBytes(4).toString("hex");

/** English names plus a few locales' names and search words: enough for cross-language tests. */
const TAXONOMY_TRANSLATIONS: Partial<
  Record<CategoryCode, Record<string, { name: string; keywords: string[] }>>
> = {
  asylum: {
    en: { name: "Asylum", keywords: ["asylum", "refugee", "persecution"] },
    es: { name: "Asilo", keywords: ["asilo", "refugiado", "persecución"] },
    "zh-Hans": { name: "庇护", keywords: ["庇护", "政治庇护", "难民"] },
    ru: { name: "Убежище", keywords: ["убежище", "беженец"] },
    ar: { name: "اللجوء", keywords: ["لجوء", "لاجئ"] },
    bn: { name: "আশ্রয়", keywords: ["আশ্রয়", "শরণার্থী"] },
    ht: { name: "Azil", keywords: ["azil", "refijye"] },
  },
  naturalization: {
    en: { name: "Naturalization", keywords: ["naturalization", "citizenship"] },
    es: { name: "Naturalización", keywords: ["ciudadanía", "naturalización"] },
    "zh-Hans": { name: "入籍", keywords: ["入籍", "公民"] },
    ru: { name: "Натурализация", keywords: ["гражданство"] },
  },
  family_petitions: {
    en: { name: "Family petitions", keywords: ["family petition", "relative"] },
    es: { name: "Peticiones familiares", keywords: ["petición familiar"] },
  },
  removal_defense_detained: {
    en: { name: "Removal defense (detained)", keywords: ["immigration court", "detained"] },
    es: { name: "Defensa contra la deportación (detenidos)", keywords: ["corte de inmigración"] },
  },
};

const englishName = (code: string) =>
  code.charAt(0).toUpperCase() + code.slice(1).replace(/_/g, " ");

/** All category codes with English names, and the translations above. */
export async function seedTaxonomy(db: Database): Promise<Map<CategoryCode, string>> {
  const terms = await db
    .insert(taxonomyTerms)
    .values(CATEGORY_CODES.map((code, position) => ({ code, name: englishName(code), position })))
    .onConflictDoNothing()
    .returning({ id: taxonomyTerms.id, code: taxonomyTerms.code });
  const ids = new Map(terms.map((term) => [term.code as CategoryCode, term.id]));
  const translations = Object.entries(TAXONOMY_TRANSLATIONS).flatMap(([code, byLocale]) =>
    Object.entries(byLocale).map(([locale, text]) => ({
      termId: ids.get(code as CategoryCode)!,
      locale,
      name: text.name,
      keywords: text.keywords,
    })),
  );
  if (translations.length > 0) await db.insert(taxonomyTermTranslations).values(translations);
  return ids;
}

type OrganizationInput = Partial<typeof organizations.$inferInsert> & {
  translations?: Array<{ locale: string; description: string }>;
};

export async function createOrganization(db: Database, input: OrganizationInput = {}) {
  const { translations = [], ...values } = input;
  return db.transaction(async (tx) => {
    const suffix = unique();
    const [organization] = await tx
      .insert(organizations)
      .values({
        slug: `org-${suffix}`,
        name: `Organization ${suffix}`,
        description: "Free immigration legal help.",
        status: "published",
        email: `intake-${suffix}@example.org`,
        assuredDate: new Date().toISOString().slice(0, 10),
        ...values,
      })
      .returning();
    if (translations.length > 0)
      await tx
        .insert(organizationTranslations)
        .values(translations.map((t) => ({ ...t, organizationId: organization!.id })));
    await enqueueSearchSync(tx, { entityType: "organization", entityId: organization!.id });
    return organization!;
  });
}

type LocationInput = Partial<typeof locations.$inferInsert> & { organizationId: string };

export async function createLocation(db: Database, input: LocationInput) {
  return db.transaction(async (tx) => {
    const [location] = await tx
      .insert(locations)
      .values({
        address1: "1 Main Street",
        city: "New York",
        county: "36061",
        postalCode: "10007",
        latitude: 40.7136,
        longitude: -74.0078,
        ...input,
      })
      .returning();
    await enqueueSearchSync(tx, { entityType: "location", entityId: location!.id });
    return location!;
  });
}

type ServiceInput = Partial<typeof services.$inferInsert> & {
  organizationId: string;
  categories?: CategoryCode[];
  languages?: string[];
  locationIds?: string[];
  /** Counties served, or "statewide". */
  areas?: Array<CountyCode | "statewide">;
  hours?: Array<{ weekday: number; opensAt: string; closesAt: string; locationId?: string }>;
  translations?: Array<{ locale: string; name?: string; description?: string }>;
};

export async function createService(db: Database, input: ServiceInput) {
  const {
    categories = [],
    languages = ["en"],
    locationIds = [],
    areas = [],
    hours = [],
    translations = [],
    ...values
  } = input;
  return db.transaction(async (tx) => {
    const [service] = await tx
      .insert(services)
      .values({ name: `Service ${unique()}`, status: "active", ...values })
      .returning();
    const serviceId = service!.id;
    if (categories.length > 0) {
      const terms = await tx
        .select({ id: taxonomyTerms.id })
        .from(taxonomyTerms)
        .where(inArray(taxonomyTerms.code, categories));
      await tx
        .insert(serviceTaxonomy)
        .values(terms.map((term) => ({ serviceId, termId: term.id })));
    }
    if (languages.length > 0)
      await tx.insert(serviceLanguages).values(languages.map((code) => ({ serviceId, code })));
    if (locationIds.length > 0)
      await tx
        .insert(serviceAtLocation)
        .values(locationIds.map((locationId) => ({ serviceId, locationId })));
    if (areas.length > 0)
      await tx
        .insert(serviceAreas)
        .values(
          areas.map((area) =>
            area === "statewide"
              ? { serviceId, statewide: true, county: null }
              : { serviceId, statewide: false, county: area },
          ),
        );
    if (hours.length > 0)
      await tx.insert(schedules).values(
        hours.map((row) => ({
          serviceId,
          weekday: row.weekday,
          opensAt: row.opensAt,
          closesAt: row.closesAt,
          locationId: row.locationId ?? null,
        })),
      );
    if (translations.length > 0)
      await tx.insert(serviceTranslations).values(translations.map((t) => ({ ...t, serviceId })));
    await enqueueSearchSync(tx, { entityType: "service", entityId: serviceId });
    return service!;
  });
}

type PhoneInput = Partial<typeof phones.$inferInsert> & { organizationId: string };

export async function createPhone(db: Database, input: PhoneInput) {
  return db.transaction(async (tx) => {
    const [phone] = await tx
      .insert(phones)
      .values({ number: "(212) 555-0100", ...input })
      .returning();
    await enqueueSearchSync(tx, { entityType: "organization", entityId: input.organizationId });
    return phone!;
  });
}

export async function updateService(
  db: Database,
  serviceId: string,
  changes: Partial<typeof services.$inferInsert>,
) {
  await db.transaction(async (tx) => {
    await tx.update(services).set(changes).where(eq(services.id, serviceId));
    await enqueueSearchSync(tx, { entityType: "service", entityId: serviceId });
  });
}

export async function updateOrganization(
  db: Database,
  organizationId: string,
  changes: Partial<typeof organizations.$inferInsert>,
) {
  await db.transaction(async (tx) => {
    await tx.update(organizations).set(changes).where(eq(organizations.id, organizationId));
    await enqueueSearchSync(tx, { entityType: "organization", entityId: organizationId });
  });
}

/**
 * Many services at one location in one transaction (one outbox row each), for tests that need
 * volume: `names` gives their names.
 */
export async function createManyServices(
  db: Database,
  input: { organizationId: string; locationId: string; names: string[] },
) {
  return db.transaction(async (tx) => {
    const created = await tx
      .insert(services)
      .values(
        input.names.map((name) => ({
          organizationId: input.organizationId,
          name,
          status: "active" as const,
        })),
      )
      .returning({ id: services.id });
    await tx
      .insert(serviceAtLocation)
      .values(created.map(({ id }) => ({ serviceId: id, locationId: input.locationId })));
    await tx
      .insert(serviceLanguages)
      .values(created.map(({ id }) => ({ serviceId: id, code: "en" })));
    await enqueueSearchSync(
      tx,
      ...created.map(({ id }) => ({ entityType: "service" as const, entityId: id })),
    );
    return created;
  });
}

// --- listing-editing fixtures --------------------------------------------------------------

/** Category codes as terms (names = codes), for tests that do not search by name. */
export async function ensureTaxonomy(db: Database): Promise<void> {
  await db
    .insert(taxonomyTerms)
    .values(CATEGORY_CODES.map((code, position) => ({ code, name: code, position })))
    .onConflictDoNothing();
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

// --- accounts ----------------------------------------------------------------------------

export const TEST_PASSWORD = "orchard-kettle-nimbus-54";

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
