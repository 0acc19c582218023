import type { Meilisearch } from "meilisearch";
import type { DbOrTx } from "~/db.server";
import { allDocuments } from "~/search/documents.server";

/** JSON with sorted keys: the same document built twice gives the same text. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

/**
 * How the index differs from what the database says it should hold: documents missing, left
 * over, or different (each named by id, at most `limit` of them). Empty when they are equal.
 */
export async function indexDifferences(
  db: DbOrTx,
  client: Meilisearch,
  indexUid: string,
  limit = 5,
): Promise<string[]> {
  const expected = new Map<string, string>();
  for await (const page of allDocuments(db))
    for (const document of page) expected.set(document.id, canonical(document));
  const indexed = new Map<string, string>();
  const pageSize = 1000;
  for (let offset = 0; ; offset += pageSize) {
    const { results } = await client
      .index(indexUid)
      .getDocuments<{ id: string }>({ offset, limit: pageSize });
    for (const document of results) indexed.set(document.id, canonical(document));
    if (results.length < pageSize) break;
  }
  const differences: string[] = [];
  for (const [id, document] of expected) {
    if (!indexed.has(id)) differences.push(`missing ${id}`);
    else if (indexed.get(id) !== document) differences.push(`different ${id}`);
  }
  for (const id of indexed.keys()) if (!expected.has(id)) differences.push(`left over ${id}`);
  return differences
    .slice(0, limit)
    .concat(differences.length > limit ? [`… ${differences.length - limit} more`] : []);
}

/** Polls until `check` returns true, or fails after `timeoutMs` with `describe()`'s text. */
export async function waitUntil(
  check: () => Promise<boolean>,
  timeoutMs: number,
  describe: () => Promise<string> | string = () => "condition not met",
  intervalMs = 250,
): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`not within ${timeoutMs} ms: ${await describe()}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return Date.now() - started;
}
