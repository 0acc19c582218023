import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import path from "node:path";

export interface EmbeddedServices {
  databaseUrl?: string;
  meiliHost?: string;
  meiliMasterKey?: string;
  /** Stops the servers and waits until they are down. */
  stop(): Promise<void>;
  child: ChildProcess;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Starts server/embedded-services.ts as a child process and waits for its ready line.
 * The child stops its servers when our end of its stdin closes, so even a SIGKILL of this
 * process does not leave PostgreSQL or Meilisearch running.
 */
export async function startEmbeddedServices(options: {
  dataDir: string;
  postgres: boolean;
  meili: boolean;
  ephemeral?: boolean;
}): Promise<EmbeddedServices> {
  const args = [
    path.join(root, "node_modules/tsx/dist/cli.mjs"),
    path.join(root, "server/embedded-services.ts"),
    "--data-dir",
    options.dataDir,
  ];
  if (options.postgres) args.push("--postgres");
  if (options.meili) args.push("--meili");
  if (options.ephemeral) args.push("--ephemeral");

  const child = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "inherit"], cwd: root });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const lines = createInterface({ input: child.stdout! });
  const ready = await new Promise<{
    ready: boolean;
    error?: string;
    databaseUrl?: string;
    meiliHost?: string;
    meiliMasterKey?: string;
  }>((resolve, reject) => {
    lines.once("line", (line) => resolve(JSON.parse(line)));
    child.once("exit", (code) => reject(new Error(`embedded services exited (code ${code})`)));
  });
  if (!ready.ready) throw new Error(`Could not start embedded services: ${ready.error}`);

  return {
    databaseUrl: ready.databaseUrl,
    meiliHost: ready.meiliHost,
    meiliMasterKey: ready.meiliMasterKey,
    child,
    async stop() {
      if (child.exitCode === null) child.stdin?.end();
      await exited;
    },
  };
}

/**
 * For command-line scripts: reuse the embedded services of a running `npm start` on the same
 * data dir, or start them for the duration of the script.
 */
export async function attachOrStartEmbeddedServices(options: {
  dataDir: string;
  postgres: boolean;
  meili: boolean;
}): Promise<Omit<EmbeddedServices, "child">> {
  const connectionFile = path.join(path.resolve(options.dataDir), "services.json");
  if (existsSync(connectionFile)) {
    const running = JSON.parse(readFileSync(connectionFile, "utf8")) as {
      pid: number;
      databaseUrl?: string;
      meiliHost?: string;
      meiliMasterKey?: string;
    };
    let alive = true;
    try {
      process.kill(running.pid, 0);
    } catch {
      alive = false;
    }
    if (
      alive &&
      (!options.postgres || running.databaseUrl) &&
      (!options.meili || running.meiliHost)
    ) {
      return { ...running, stop: async () => {} };
    }
  }
  return startEmbeddedServices(options);
}
