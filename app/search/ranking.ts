import type { SearchHit } from "~/search/types";

/**
 * A service that does not take new clients is never the first result when one that does is
 * on the page: the first that does moves up (the others keep their order).
 */
export function acceptingFirst<T extends Pick<SearchHit, "acceptingNewClients">>(hits: T[]): T[] {
  if (hits.length === 0 || hits[0]!.acceptingNewClients) return hits;
  const index = hits.findIndex((hit) => hit.acceptingNewClients);
  if (index < 0) return hits;
  return [hits[index]!, ...hits.slice(0, index), ...hits.slice(index + 1)];
}
