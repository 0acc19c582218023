import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "#db/schema";
import { config, requireDatabaseUrl } from "~/config.server";

export type Database = PostgresJsDatabase<typeof schema>;
/** A transaction handle; domain functions accept either (see `DbOrTx`). */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type DbOrTx = Database | Transaction;

export interface DatabaseConnection {
  db: Database;
  close(): Promise<void>;
}

/** The only place that opens PostgreSQL connections. */
export function connectDatabase(url: string, options: { max?: number } = {}): DatabaseConnection {
  const client = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connection: { application_name: "puente" },
  });
  return {
    db: drizzle(client, { schema }),
    close: () => client.end({ timeout: 5 }),
  };
}

let shared: DatabaseConnection | undefined;

/** The process-wide pool used by routes and background jobs. */
export function db(): Database {
  shared ??= connectDatabase(requireDatabaseUrl(), { max: config().DATABASE_POOL_SIZE });
  return shared.db;
}

export async function closeSharedDatabase(): Promise<void> {
  const connection = shared;
  shared = undefined;
  await connection?.close();
}
