import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./meilisearch-process";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** A fixed key, so that every process of a test reads what another one encrypted. */
const TEST_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString("base64");

export interface AppProcess {
  base: string;
  pid: number;
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Sends a signal and waits for the exit (SIGKILL: no shutdown work at all). */
  kill(signal?: NodeJS.Signals): Promise<void>;
  exited(): boolean;
}

export function requireBuild(): void {
  if (!existsSync(path.join(root, "build/server/index.js")))
    throw new Error("No build of the app: run `npm run build` first.");
}

/**
 * The production server (`server/main.ts` with the built app) on a free loopback port, on the
 * given PostgreSQL and Meilisearch, as a separate process that a test can kill: what runs behind
 * a load balancer. Resolves when it says it is ready.
 */
export async function startAppProcess(env: {
  DATABASE_URL: string;
  MEILI_HOST: string;
  MEILI_MASTER_KEY: string;
  MEILI_INDEX_PREFIX: string;
  [name: string]: string;
}): Promise<AppProcess> {
  requireBuild();
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      SEED_DEMO_DATA: "false",
      DATA_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      SEARCH_SYNC_INTERVAL_MS: "100",
      // Production requires it; the test may pass the one address of its "load balancer".
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      ...env,
      PORT: String(port),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const append = (chunk: Buffer) => (output += chunk.toString());
  child.stdout!.on("data", append);
  child.stderr!.on("data", append);
  const exit = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const ready = (chunk: Buffer) => {
      if (chunk.toString().includes("ready in")) {
        child.stdout!.off("data", ready);
        resolve();
      }
    };
    child.stdout!.on("data", ready);
    child.once("exit", (code) => reject(new Error(`the app exited (${code}):\n${output}`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    child,
    output: () => output,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    async kill(signal = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exit;
    },
  };
}
