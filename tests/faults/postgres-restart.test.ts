import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { migrateDatabase } from "#db/migrate";
import { connectDatabase, type DatabaseConnection } from "~/db.server";
import { startAppProcess, type AppProcess } from "../support/app-process";
import {
  createLocation,
  createOrganization,
  createService,
  seedTaxonomy,
} from "../support/factories";
import { postgresProcess, type PostgresProcess } from "../support/postgres-process";
import { waitUntil } from "../support/search-consistency";

let dataDir: string;
let server: PostgresProcess;
let app: AppProcess | undefined;
let connection: DatabaseConnection | undefined;
let slug: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "puente-fault-pg-"));
  server = await postgresProcess(dataDir);
  await server.start();
  const admin = postgres(server.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe("CREATE DATABASE puente");
  await admin.end();
  await migrateDatabase(server.urlOf("puente"));
  connection = connectDatabase(server.urlOf("puente"), { max: 2 });
  await seedTaxonomy(connection.db);
  const organization = await createOrganization(connection.db, { name: "Flushing Legal Aid" });
  slug = organization.slug;
  const location = await createLocation(connection.db, { organizationId: organization.id });
  await createService(connection.db, {
    organizationId: organization.id,
    name: "Asylum Clinic",
    categories: ["asylum"],
    locationIds: [location.id],
  });
  await connection.close();
  connection = undefined;
  app = await startAppProcess({
    DATABASE_URL: server.urlOf("puente"),
    MEILI_HOST: inject("meiliHost"),
    MEILI_MASTER_KEY: inject("meiliMasterKey"),
    MEILI_INDEX_PREFIX: `pgrestart_${process.pid}_`,
  });
});

afterAll(async () => {
  await app?.kill();
  await connection?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

interface Answer {
  /** When the request was sent, and when its answer arrived. */
  at: number;
  done: number;
  path: string;
  status: number;
  retryAfter: string | null;
}

describe("PostgreSQL restarted under load", () => {
  it("answers 503 on /healthz meanwhile and recovers without a restart of the app", async () => {
    const base = app!.base;
    const paths = ["/healthz", "/search?q=asylum", `/orgs/${slug}`, "/api/search?q=asylum"];
    const answers: Answer[] = [];
    let loading = true;
    const client = async (offset: number) => {
      for (let i = offset; loading; i++) {
        const requestPath = paths[i % paths.length]!;
        const at = Date.now();
        const { status, retryAfter } = await fetch(`${base}${requestPath}`)
          .then(async (response) => {
            await response.arrayBuffer();
            return { status: response.status, retryAfter: response.headers.get("retry-after") };
          })
          .catch(() => ({ status: 0, retryAfter: null }));
        answers.push({ at, done: Date.now(), path: requestPath, status, retryAfter });
      }
    };
    const clients = [0, 1, 2, 3].map(client);
    try {
      await waitUntil(async () => answers.filter((a) => a.status === 200).length >= 8, 60_000);
      const stoppedAt = Date.now();
      await server.stop("SIGINT");
      const health = async () => (await fetch(`${base}/healthz`)).status;
      await waitUntil(async () => (await health()) === 503, 30_000);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(await health()).toBe(503);
      await server.start();
      const restartedAt = Date.now();
      await waitUntil(async () => (await health()) === 200, 60_000);
      // Still the same process: nobody restarted it.
      expect(app!.exited()).toBe(false);
      const recoveredAt = Date.now();
      const afterRecovery = () => answers.filter((answer) => answer.at > recoveredAt);
      await waitUntil(async () => afterRecovery().length >= 8, 60_000);
      loading = false;
      await Promise.all(clients);

      const before = answers.filter((answer) => answer.done < stoppedAt);
      const during = answers.filter((answer) => answer.at > stoppedAt && answer.at < restartedAt);
      const settled = afterRecovery();
      expect(before.length).toBeGreaterThan(0);
      expect(before.every((answer) => answer.status === 200)).toBe(true);
      // The app answered throughout (no connection refused or reset), with 503 where it must.
      expect(during.every((answer) => answer.status !== 0)).toBe(true);
      expect(during.some((answer) => answer.path === "/healthz" && answer.status === 503)).toBe(
        true,
      );
      // A page or an API call that needed the database said "unavailable, try again" (503 with
      // Retry-After), never "our fault" (500).
      expect(during.filter((answer) => answer.status !== 200 && answer.status !== 503)).toEqual([]);
      expect(
        during.some((answer) => answer.path === `/orgs/${slug}` && answer.status === 503),
      ).toBe(true);
      expect(
        during
          .filter((answer) => answer.status === 503 && answer.path !== "/healthz")
          .every((answer) => answer.retryAfter !== null),
      ).toBe(true);
      expect(settled.length).toBeGreaterThan(0);
      expect(settled.filter((answer) => answer.status !== 200)).toEqual([]);
      expect((await fetch(`${base}/orgs/${slug}`)).status).toBe(200);
    } catch (error) {
      throw new Error(`${String(error)}\napp output:\n${app!.output()}`);
    } finally {
      loading = false;
      await Promise.all(clients);
    }
  });

  it("answers the first request after a restart even if a query was running when the server stopped", async () => {
    // One connection, so the request after the restart must reuse the one that was cut off:
    // the driver once replayed the old backend's "terminating connection" error onto it.
    const own = connectDatabase(server.urlOf("puente"), { max: 1 });
    try {
      await own.db.execute(sql`SELECT 1`);
      const running = own.db.execute(sql`SELECT pg_sleep(30)`).then(
        () => undefined,
        (error: unknown) => error,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      await server.stop("SIGINT");
      expect(await running).toBeInstanceOf(Error);
      await server.start();
      const rows = await own.db.execute<{ one: number }>(sql`SELECT 1 AS one`);
      expect(rows[0]).toEqual({ one: 1 });
    } finally {
      await own.close();
    }
  });
});
