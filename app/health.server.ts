import { sql } from "drizzle-orm";
import type { Database } from "~/db.server";
import { meili, servicesIndexName } from "~/search/meili.server";

export interface HealthReport {
  status: "ok" | "degraded" | "down";
  database: { ok: boolean; latencyMs?: number; error?: string };
  search: {
    engine: "meilisearch";
    ok: boolean;
    documents?: number;
    indexing?: boolean;
    error?: string;
  };
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: Math.round(performance.now() - started) };
}

/** Health of the two services Puente depends on. Errors are reported, never thrown. */
export async function checkHealth(db: Database): Promise<HealthReport> {
  const [database, search] = await Promise.all([
    timed(() => db.execute(sql`SELECT 1`)).then(
      ({ ms }) => ({ ok: true, latencyMs: ms }),
      (error: unknown) => ({ ok: false, error: describe(error) }),
    ),
    meili()
      .index(servicesIndexName())
      .getStats()
      .then(
        (stats) => ({
          engine: "meilisearch" as const,
          ok: true,
          documents: stats.numberOfDocuments,
          indexing: stats.isIndexing,
        }),
        (error: unknown) => ({ engine: "meilisearch" as const, ok: false, error: describe(error) }),
      ),
  ]);
  const status = !database.ok ? "down" : search.ok ? "ok" : "degraded";
  return { status, database, search };
}

function describe(error: unknown): string {
  // Enough to diagnose, without connection strings or keys.
  if (error instanceof Error)
    return error.name === "Error" ? error.message.split("\n")[0]! : error.name;
  return "unknown error";
}
