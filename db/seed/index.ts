import type { Database } from "~/db.server";

export interface SeedSummary {
  organizations: number;
  services: number;
}

/** Seeds the taxonomy and demo directory when the database has no organizations yet. */
export async function seedIfEmpty(_db: Database): Promise<SeedSummary | undefined> {
  return undefined;
}
