import path from "node:path";
import { config } from "~/config.server";
import { attachOrStartEmbeddedServices } from "../server/services-client";

/**
 * Runs `task` against DATABASE_URL when it is set; otherwise against the embedded PostgreSQL
 * under PUENTE_DATA_DIR, reusing the one of a running `npm start` or starting it for the
 * duration of the task.
 */
export async function withDatabaseUrl<T>(task: (databaseUrl: string) => Promise<T>): Promise<T> {
  const settings = config();
  if (settings.DATABASE_URL) return task(settings.DATABASE_URL);
  console.log(
    `[puente] using the embedded PostgreSQL in ${path.resolve(settings.PUENTE_DATA_DIR)}`,
  );
  const services = await attachOrStartEmbeddedServices({
    dataDir: settings.PUENTE_DATA_DIR,
    postgres: true,
    meili: false,
  });
  try {
    if (!services.databaseUrl)
      throw new Error("the embedded services did not report a database URL");
    return await task(services.databaseUrl);
  } finally {
    await services.stop();
  }
}

/** Runs a command-line script: a clear one-line message and a non-zero exit code on failure. */
export function runScript(name: string, main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`[puente] ${name} failed: ${message}`);
      if (error instanceof Error && error.cause) console.error(error.cause);
      process.exit(1);
    },
  );
}
