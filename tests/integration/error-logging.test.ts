import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestEnvironment } from "../support/environment";
import { takeConsoleErrors } from "../support/fail-on-console-error";
import { useHttpApp } from "../support/http-app";

const env = useTestEnvironment();
const app = useHttpApp();

const SEARCHED = "zebramussel";

/**
 * Every search query fails: this test file's search index does not exist (so searches fall
 * back to PostgreSQL) and the fallback's table is gone, so drizzle throws an error whose
 * message holds the SQL and its parameters: what the person searched for.
 */
beforeAll(async () => {
  await env().db.execute(sql`ALTER TABLE search_documents RENAME TO search_documents_elsewhere`);
});

async function logsOf(path: string, expectedStatus: number): Promise<string> {
  const response = await fetch(`${app().base}${path}`);
  await response.arrayBuffer();
  expect(response.status, path).toBe(expectedStatus);
  return takeConsoleErrors()
    .flat()
    .map((value) =>
      value instanceof Error ? `${value.stack} ${String(value.cause)}` : String(value),
    )
    .join("\n");
}

describe("a failing query is logged without what was searched", () => {
  it("/api/search: names the route and the error, never the words, the place or the SQL", async () => {
    const logged = await logsOf(`/api/search?q=${SEARCHED}&near=11368`, 500);
    expect(logged).toContain("routes/api.search");
    expect(logged).toContain("PostgresError 42P01");
    expect(logged).not.toContain(SEARCHED);
    expect(logged).not.toContain("11368");
    expect(logged).not.toMatch(/select|search_documents_elsewhere|\?q=/i);
  });

  it("/search: the page says search is unavailable, the log says only where and what", async () => {
    for (const path of [`/en/search?q=${SEARCHED}&near=11368`, `/es/search.data?q=${SEARCHED}`]) {
      const logged = await logsOf(path, 503);
      expect(logged).toContain("routes/($lang).search");
      expect(logged).toContain("PostgresError 42P01");
      expect(logged).not.toContain(SEARCHED);
      expect(logged).not.toMatch(/select|\?q=|11368/i);
    }
  });
});
