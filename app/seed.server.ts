import { count, sql } from "drizzle-orm";
import { organizations } from "#db/schema";
import type { Database, Transaction } from "~/db.server";
import { buildDemoDirectory, writeDemoDirectory, type SeedSummary } from "~/directory/seed/demo";
import { seedDemoAccounts } from "~/accounts/seed/accounts";
import { seedTaxonomy } from "~/directory/seed/taxonomy";

/** The demo editors' organizations: one written in English, one written first in Spanish. */
export const DEMO_EDITOR_ORGANIZATIONS = [
  "corona-plaza-immigrant-defense-project",
  "centro-legal-familias-sunset-park",
];

export type { SeedSummary } from "~/directory/seed/demo";
export { seedTaxonomy, TAXONOMY, TAXONOMY_LOCALES } from "~/directory/seed/taxonomy";
export { buildDemoDirectory } from "~/directory/seed/demo";

/** Serializes seeding when several app processes start at once. */
const SEED_LOCK = 727275;

async function lock(tx: Transaction): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${SEED_LOCK})`);
}

/**
 * On start: brings the taxonomy up to date (always, idempotent) and, when the database holds
 * no organization yet and demo data is wanted, adds the demo directory. Returns what was
 * seeded, or undefined.
 */
export async function seedIfEmpty(
  db: Database,
  options: { demoData?: boolean } = {},
): Promise<SeedSummary | undefined> {
  return db.transaction(async (tx) => {
    await lock(tx);
    const termIds = await seedTaxonomy(tx);
    if (options.demoData === false) return undefined;
    const [row] = await tx.select({ total: count() }).from(organizations);
    if ((row?.total ?? 0) > 0) return undefined;
    const summary = await writeDemoDirectory(tx, buildDemoDirectory(), termIds);
    await seedDemoAccounts(tx, { organizationSlugs: DEMO_EDITOR_ORGANIZATIONS });
    return summary;
  });
}

/**
 * `npm run db:seed`: upserts the taxonomy and the demo directory (organizations by slug).
 * Running it again gives the same rows; organizations that are not part of the demo are
 * left untouched. One transaction.
 */
export async function seedDemoData(
  db: Database,
  options: { today?: Date } = {},
): Promise<SeedSummary> {
  return db.transaction(async (tx) => {
    await lock(tx);
    const termIds = await seedTaxonomy(tx);
    const summary = await writeDemoDirectory(tx, buildDemoDirectory(options), termIds);
    await seedDemoAccounts(tx, { organizationSlugs: DEMO_EDITOR_ORGANIZATIONS });
    return summary;
  });
}
