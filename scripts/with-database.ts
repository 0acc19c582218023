import path from "node:path";
import { config, resetConfigCache } from "~/config.server";
import { attachOrStartEmbeddedServices } from "../server/services-client";

/**
 * Runs `task` against DATABASE_URL when it is set; otherwise against the embedded PostgreSQL
 * under PUENTE_DATA_DIR, reusing the one of a running `npm start` or starting it for the
 * duration of the task. With `meili: true` the same for Meilisearch (MEILI_HOST). The one way
 * every script finds its services: process.env (and so config()) then points at the services
 * used, so domain code that reads configuration (search index names, the embedded key ring)
 * sees them too.
 */
export async function withDatabaseUrl<T>(
  task: (databaseUrl: string) => Promise<T>,
  options: { meili?: boolean } = {},
): Promise<T> {
  const settings = config();
  const needPostgres = !settings.DATABASE_URL;
  const needMeili = Boolean(options.meili) && !settings.MEILI_HOST;
  if (!needPostgres && !needMeili) return task(settings.DATABASE_URL!);
  console.log(`[puente] using the embedded services in ${path.resolve(settings.PUENTE_DATA_DIR)}`);
  const services = await attachOrStartEmbeddedServices({
    dataDir: settings.PUENTE_DATA_DIR,
    postgres: needPostgres,
    meili: needMeili,
  });
  try {
    if (needPostgres) {
      if (!services.databaseUrl)
        throw new Error("the embedded services did not report a database URL");
      process.env.DATABASE_URL = services.databaseUrl;
      // As under `npm start`: the embedded database's generated key ring applies.
      process.env.PUENTE_EMBEDDED_DATABASE = "true";
    }
    if (needMeili) {
      if (!services.meiliHost) throw new Error("the embedded services did not report Meilisearch");
      process.env.MEILI_HOST = services.meiliHost;
      process.env.MEILI_MASTER_KEY = services.meiliMasterKey;
    }
    resetConfigCache();
    return await task(config().DATABASE_URL!);
  } finally {
    await services.stop();
  }
}

/** The innermost cause says what went wrong ("connect ECONNREFUSED ..."), the outer where. */
function describeError(error: unknown): string {
  const messages: string[] = [];
  let current: unknown = error;
  while (current instanceof Error && messages.length < 5) {
    messages.push(current.message.split("\n")[0]!);
    current = current.cause;
  }
  if (messages.length === 0) return String(error);
  if (messages.length === 1) return (error as Error).message;
  return `${messages.at(-1)} (${messages[0]})`;
}

/** Runs a command-line script: a clear one-line message and a non-zero exit code on failure. */
export function runScript(name: string, main: () => Promise<void>): void {
  main().then(
    () => process.exit(typeof process.exitCode === "number" ? process.exitCode : 0),
    (error: unknown) => {
      console.error(`[puente] ${name} failed: ${describeError(error)}`);
      process.exit(1);
    },
  );
}
