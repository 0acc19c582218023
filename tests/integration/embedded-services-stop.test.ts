import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { startEmbeddedServices } from "../../server/services-client";

/** Processes whose command line mentions `text` (PostgreSQL's and Meilisearch's name their data dir). */
function processesMentioning(text: string): string[] {
  const out = execFileSync("ps", ["-eo", "pid=,args="], { encoding: "utf8" });
  return out
    .split("\n")
    .filter((line) => line.includes(text) && !line.includes("ps -eo"))
    .map((line) => line.trim());
}

/*
 * `npm run bench` and the tests run the embedded servers on an ephemeral data dir. Its removal
 * ran as the first exit hook, before the hooks that stop the servers: while PostgreSQL was still
 * writing its WAL the removal failed (ENOTEMPTY), the crash skipped the other hooks, and both
 * servers kept running after the bench had ended.
 */
describe("an ephemeral data dir", () => {
  it("goes once its servers have stopped, even while PostgreSQL is busy writing", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "puente-ephemeral-"));
    const services = await startEmbeddedServices({
      dataDir,
      postgres: true,
      meili: true,
      ephemeral: true,
    });
    expect(processesMentioning(dataDir).length).toBeGreaterThanOrEqual(2);
    const sql = postgres(services.databaseUrl!, { max: 1, onnotice: () => {} });
    await sql`CREATE TABLE churn (id int, filler text)`;
    // Still writing WAL when the stop comes.
    const writing =
      sql`INSERT INTO churn SELECT g, repeat('x', 500) FROM generate_series(1, 3000000) g`
        .execute()
        .catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await services.stop();
    await writing;
    await sql.end({ timeout: 1 }).catch(() => {});

    expect(processesMentioning(dataDir)).toEqual([]);
    expect(existsSync(dataDir)).toBe(false);
  }, 120_000);
});
