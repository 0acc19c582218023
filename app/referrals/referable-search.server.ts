import type { Database } from "~/db.server";
import { resolvePlace } from "~/geo/places.server";
import { SearchBusyError } from "~/search/fallback-gate.server";
import { parseSearchParams } from "~/search/params";
import { searchServices } from "~/search/search.server";

/*
 * "Refer to another service" finds the service with the search engine (issue 12 item 5): the
 * same searchServices as /search (Meilisearch, else the PostgreSQL fallback), so "asilo",
 * "TPS Queens" or an organization's name find what /search would. Nothing searched is logged
 * or stored.
 */

export interface ReferableService {
  id: string;
  /** In the staff member's interface language when the service has a translation. */
  name: string;
  organizationName: string;
  /** The city of its first location found, when public. */
  city: string | null;
  acceptingNewClients: boolean;
}

export interface ReferableSearch {
  query: string;
  services: ReferableService[];
  /** Search is busy (both engines at capacity): try again in a few seconds. */
  busy: boolean;
}

/** At most `limit` services matching `text`, best first, one line per service. */
export async function searchReferableServices(
  db: Database,
  input: { text: string; locale: string; excludeServiceId?: string; limit?: number },
): Promise<ReferableSearch> {
  const query = input.text.trim().slice(0, 200);
  if (!query) return { query, services: [], busy: false };
  const limit = input.limit ?? 20;
  const { query: search } = parseSearchParams(new URLSearchParams({ q: query }), {
    locale: input.locale,
    resolvePlace,
    pageSize: 50,
  });
  let hits;
  try {
    ({ hits } = await searchServices(db, search));
  } catch (error) {
    if (error instanceof SearchBusyError) return { query, services: [], busy: true };
    throw error;
  }
  const services = new Map<string, ReferableService>();
  for (const hit of hits) {
    if (hit.serviceId === input.excludeServiceId || services.has(hit.serviceId)) continue;
    services.set(hit.serviceId, {
      id: hit.serviceId,
      name: hit.serviceName,
      organizationName: hit.organizationName,
      city: hit.address?.city ?? null,
      acceptingNewClients: hit.acceptingNewClients,
    });
    if (services.size >= limit) break;
  }
  return { query, services: [...services.values()], busy: false };
}
