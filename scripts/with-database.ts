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
    () => process.exit(0),
    (error: unknown) => {
      console.error(`[puente] ${name} failed: ${describeError(error)}`);
      process.exit(1);
    },
  );
}
