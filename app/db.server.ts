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

/**
 * How long a connection attempt may take before its query fails (postgres.js waits 30 s): an
 * attempt that hangs (a failover, a server shutting down) answers within seconds, not after
 * the database is back.
 */
const CONNECT_TIMEOUT_SECONDS = 5;

/**
 * Seconds before a connection tries again after failing: postgres.js grows this to 20 s over
 * repeated failures, so after a restart pages kept failing for 20 s with the database up.
 * Here it doubles from 0.1 s to at most 2 s, with jitter so processes do not retry in step.
 */
export function reconnectDelaySeconds(failures: number): number {
  return (0.5 + Math.random() / 2) * Math.min(0.1 * 2 ** failures, 2);
}

/** The only place that opens PostgreSQL connections. */
export function connectDatabase(url: string, options: { max?: number } = {}): DatabaseConnection {
  const client = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connection: { application_name: "puente" },
    connect_timeout: CONNECT_TIMEOUT_SECONDS,
    backoff: reconnectDelaySeconds,
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

/** postgres.js and Node codes of a connection that could not be made or was lost. */
const CONNECTION_CODES = new Set([
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);
/** SQLSTATEs of a server that is shutting down, starting up or full. */
const UNAVAILABLE_SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);

/**
 * Whether an error (or one of its causes: drizzle wraps the driver's) means the database
 * could not be reached, rather than a fault in a query: such a request answers 503 and may be
 * tried again (server/database-outage.ts).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 5; depth++) {
    if (typeof cause !== "object") return false;
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string") {
      if (CONNECTION_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code)) return true;
      // Class 08: connection exception.
      if (/^08[0-9A-Z]{3}$/.test(code)) return true;
    }
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}
