import { Meilisearch } from "meilisearch";
import { config, requireMeili } from "~/config.server";
import { nodeHttpClient } from "~/search/http-client.server";
import { searchApiKey } from "~/search/search-key.server";

/*
 * The Meilisearch clients of the process, all made by meiliClient(): `meili()` indexes and
 * administers (settings, documents, swaps, health); `meiliForSearch()` answers visitors'
 * searches, with a shorter timeout so a slow Meilisearch hands over to the Postgres fallback
 * quickly. Nothing else constructs a Meilisearch client.
 */

/** A client for this deployment's Meilisearch, through node:http (see http-client.server.ts). */
export function meiliClient(options: { timeout: number; apiKey?: string }): Meilisearch {
  const { host, apiKey } = requireMeili();
  return new Meilisearch({
    host,
    apiKey: options.apiKey ?? apiKey,
    timeout: options.timeout,
    httpClient: nodeHttpClient,
  });
}

/** A search that takes longer than this is answered by the Postgres fallback instead. */
export const SEARCH_TIMEOUT_MS = 2_500;

let adminClient: Meilisearch | undefined;
let searchClient: Promise<Meilisearch> | undefined;

/** The client for indexing and administration. */
export function meili(): Meilisearch {
  adminClient ??= meiliClient({ timeout: 5_000 });
  return adminClient;
}

/**
 * The client for visitors' searches, with the search-only key (search-key.server.ts). When
 * getting the key fails (Meilisearch down), the next search tries again.
 */
export function meiliForSearch(): Promise<Meilisearch> {
  searchClient ??= searchApiKey().then(
    (apiKey) => meiliClient({ timeout: SEARCH_TIMEOUT_MS, apiKey }),
    (error: unknown) => {
      searchClient = undefined;
      throw error;
    },
  );
  return searchClient;
}

/** Name of the live services index (an alias-like stable name; reindex swaps into it). */
export function servicesIndexName(): string {
  return `${config().MEILI_INDEX_PREFIX}services`;
}
