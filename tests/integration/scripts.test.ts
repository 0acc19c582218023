import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { useTestEnvironment } from "../support/environment";

/*
 * The command-line scripts find their services one way (scripts/with-database.ts) and fail one
 * way: a one-line "[puente] <script> failed: <cause>" and exit code 1.
 */

const env = useTestEnvironment();
const run = promisify(execFile);
const TSX = path.resolve("node_modules/.bin/tsx");

async function script(name: string, variables: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(TSX, [`scripts/${name}.ts`], {
      env: { ...process.env, ...variables },
      timeout: 90_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("scripts", () => {
  it("run against the configured database and search index", async () => {
    const services = {
      DATABASE_URL: env().databaseUrl,
      MEILI_HOST: process.env.MEILI_HOST!,
      MEILI_MASTER_KEY: process.env.MEILI_MASTER_KEY!,
      MEILI_INDEX_PREFIX: env().indexPrefix,
    };
    const purge = await script("purge-referrals", services);
    expect(purge.stderr).toBe("");
    expect(purge.stdout).toMatch(/erased the personal data of 0 referral\(s\)/);
    expect(purge.code).toBe(0);
    const reindex = await script("search-reindex", services);
    expect(reindex.stdout).toMatch(/search index rebuilt: 0 documents/);
    expect(reindex.code).toBe(0);
  }, 200_000);

  it("say in one line what failed, and exit with 1", async () => {
    const purge = await script("purge-referrals", {
      DATABASE_URL: "postgres://nobody:nothing@127.0.0.1:1/none",
    });
    expect(purge.code).toBe(1);
    expect(purge.stderr.trim()).toMatch(/^\[puente\] referrals:purge failed: .*ECONNREFUSED/);
    expect(purge.stderr.trim().split("\n")).toHaveLength(1);
  }, 100_000);
});
