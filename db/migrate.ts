import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { connectDatabase } from "~/db.server";

export const MIGRATIONS_FOLDER = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "migrations",
);

/**
 * Applies committed drizzle-kit migrations; safe on every start. Several app processes may
 * start at once behind a load balancer, so one connection holds an advisory lock throughout.
 */
export async function migrateDatabase(databaseUrl: string): Promise<void> {
  const connection = connectDatabase(databaseUrl, { max: 1 });
  try {
    await connection.db.execute(sql`SELECT pg_advisory_lock(727274)`);
    await migrate(connection.db, { migrationsFolder: MIGRATIONS_FOLDER });
    await connection.db.execute(sql`SELECT pg_advisory_unlock(727274)`);
  } finally {
    await connection.close();
  }
}
