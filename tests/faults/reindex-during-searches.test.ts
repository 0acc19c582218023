import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seedDemoData } from "~/seed.server";
import { startAppProcess, type AppProcess } from "../support/app-process";
import { useTestEnvironment } from "../support/environment";
import { waitUntil } from "../support/search-consistency";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const env = useTestEnvironment();
let app: AppProcess;
let settings: Parameters<typeof startAppProcess>[0];

beforeAll(async () => {
  const { db, databaseUrl, indexPrefix } = env();
  await seedDemoData(db);
  settings = {
    DATABASE_URL: databaseUrl,
    MEILI_HOST: inject("meiliHost"),
    MEILI_MASTER_KEY: inject("meiliMasterKey"),
    MEILI_INDEX_PREFIX: indexPrefix,
  };
  app = await startAppProcess(settings);
});

afterAll(async () => {
  await app?.kill();
});

/** `npm run search:reindex`, as an operator runs it against the live deployment. */
function runReindexScript(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/search-reindex.ts"],
      { cwd: root, env: { ...process.env, ...settings }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => resolve({ code, output }));
  });
}

describe("a full reindex while people search", () => {
  it("fails no search during the rebuild and the swap", async () => {
    const queries = ["q=asylum", "category=naturalization", "near=11368&radius=5", "language=es"];
    const expected = new Map<string, number>();
    for (const query of queries) {
      // The app has just started: its first searches may still be slow on a busy machine.
      await waitUntil(async () => {
        const response = await fetch(`${app.base}/api/search?${query}`);
        const body = (await response.json()) as { total: number; engine: string };
        expected.set(query, body.total);
        return body.engine === "meilisearch" && body.total > 0;
      }, 60_000);
    }

    const failures: string[] = [];
    let searches = 0;
    let reindexing = true;
    const searcher = async (offset: number) => {
      for (let i = offset; reindexing; i++) {
        const query = queries[i % queries.length]!;
        try {
          const response = await fetch(`${app.base}/api/search?${query}`);
          const body = (await response.json()) as { total: number; engine: string };
          searches++;
          if (
            response.status !== 200 ||
            body.engine !== "meilisearch" ||
            body.total !== expected.get(query)
          )
            failures.push(`${query}: ${response.status} ${body.engine} ${body.total}`);
        } catch (error) {
          failures.push(`${query}: ${String(error)}`);
        }
      }
    };
    const searchers = [0, 1, 2, 3].map(searcher);
    const reindex = await runReindexScript();
    reindexing = false;
    await Promise.all(searchers);

    expect(reindex.output).toMatch(/search index rebuilt: \d+ documents/);
    expect(reindex.code).toBe(0);
    expect(searches).toBeGreaterThan(20);
    expect(failures).toEqual([]);
  });
});
