import { Meilisearch } from "meilisearch";
import { config, requireMeili } from "~/config.server";
import { nodeHttpClient } from "~/search/http-client.server";

let client: Meilisearch | undefined;

/** The one Meilisearch client of the process. */
export function meili(): Meilisearch {
  if (!client) {
    const { host, apiKey } = requireMeili();
    client = new Meilisearch({ host, apiKey, timeout: 5_000, httpClient: nodeHttpClient });
  }
  return client;
}

/** Name of the live services index (an alias-like stable name; reindex swaps into it). */
export function servicesIndexName(): string {
  return `${config().MEILI_INDEX_PREFIX}services`;
}
