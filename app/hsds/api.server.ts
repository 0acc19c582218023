import { and, asc, count, eq, sql, type SQL } from "drizzle-orm";
import type { PgSelect } from "drizzle-orm/pg-core";
import {
  locations,
  organizationTranslations,
  organizations,
  phones,
  serviceAtLocation,
  services,
} from "#db/schema";
import type { Database } from "~/db.server";
import {
  anyId,
  groupBy,
  loadPublicServices,
  type PublicService,
} from "~/directory/service-view.server";
import { lookupZip } from "~/geo/zips.server";
import { searchServiceIds } from "~/search/search.server";
import type { SearchTarget } from "~/search/sync.server";
import {
  hsdsJson,
  HsdsError,
  MAX_PER_PAGE,
  MAX_PER_PAGE_MINIMAL,
  notFound,
  page,
  PARAMETERS,
  parseQuery,
  type CommonOptions,
} from "./http.server";
import { UUID } from "./ids";
import {
  hsdsLocation,
  hsdsOrganizationSummary,
  hsdsPhone,
  hsdsService,
  hsdsServiceAtLocationFor,
  hsdsServiceAtLocationSummary,
  hsdsServiceSummary,
  lastModified,
  type HsdsContext,
} from "./objects.server";
import {
  allTaxonomies,
  allTerms,
  filterForTaxonomy,
  filterForTerm,
  hsdsTerm,
  type TermEntry,
  type TermFilter,
} from "./taxonomies.server";
import type { HsdsOrganization } from "./types";

/*
 * The HSDS 3.0 read API (/api/hsds, schema/openapi.json): each function answers one endpoint.
 * Everything comes from the public service view; lists are Page objects in a stable order
 * (by id; by relevance with `search`, which runs through the same engine as /search).
 */

export const HSDS_INFO = {
  version: "3.0",
  profile: "https://github.com/openreferral/specification/tree/3.0",
  openapi_url:
    "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json",
};

/** How many search hits `search` looks at (services at locations, best first). */
export const SEARCH_HIT_LIMIT = 1000;

export interface ApiOptions {
  /** For tests: which Meilisearch to ask (unreachable → the Postgres fallback). */
  searchTarget?: SearchTarget;
}

/** Organizations the public does not see: few, kept by PostgreSQL in a hash. */
const UNPUBLISHED_ORGANIZATIONS = sql`SELECT unpublished.id FROM organizations unpublished WHERE unpublished.status <> 'published'`;

/**
 * Services the public sees: active, of a published organization. "Published" is tested as "not
 * one of the few unpublished organizations", so that counting and paging read only the
 * `services_active_order_idx` index in id order, without a join; the values are literals so
 * that the partial indexes apply to every plan, generic ones included.
 */
const PUBLIC_SERVICE = sql`${services.status} = 'active' AND ${services.organizationId} NOT IN (${UNPUBLISHED_ORGANIZATIONS})`;

/**
 * Services the public does not see (not active, or of an unpublished organization): few too,
 * so the list of services at locations tests "public" as "not one of these" while it walks
 * `service_at_location_order_idx` in id order. (`ARRAY(...)` is read once, then looked up in
 * `services_organization_idx`; as `IN` the planner joined it by scanning every organization.)
 */
const HIDDEN_SERVICES = sql`SELECT inactive.id FROM services inactive WHERE inactive.status <> 'active' UNION ALL SELECT of_unpublished.id FROM services of_unpublished WHERE of_unpublished.organization_id = ANY(ARRAY(${UNPUBLISHED_ORGANIZATIONS}))`;

function termCondition(filter: TermFilter): SQL {
  switch (filter.kind) {
    case "nothing":
      return sql`false`;
    case "category":
      return sql`EXISTS (SELECT 1 FROM service_taxonomy st WHERE st.service_id = ${services.id} AND ${anyId(sql`st.term_id`, filter.termIds)})`;
    case "column": {
      const codes = sql`${`{${filter.codes.join(",")}}`}::text[]`;
      switch (filter.taxonomy) {
        case "puente-populations":
          return sql`${services.populations} && ${codes}`;
        case "puente-courts":
          return sql`${services.courtsServed} && ${codes}`;
        case "puente-provider-types":
          return sql`${services.providerTypes} && ${codes}`;
        default:
          return sql`${services.fees}::text = ANY(${codes})`;
      }
    }
  }
}

interface ServiceFilters {
  taxonomy_term_id?: string;
  taxonomy_id?: string;
  organization_id?: string;
  modified_after?: Date;
}

/** The filters a list was asked for, as conditions on `services` (not whether it is public). */
async function serviceFilters(db: Database, filters: ServiceFilters): Promise<SQL[]> {
  const conditions: SQL[] = [];
  if (filters.organization_id)
    conditions.push(eq(services.organizationId, filters.organization_id));
  if (filters.modified_after) {
    const since = sql`${filters.modified_after.toISOString()}::timestamptz`;
    // Changed since, itself or its organization: two index range scans (a partner's nightly
    // sync asks for a few rows of 100,000).
    conditions.push(
      sql`${services.id} IN (SELECT changed.id FROM services changed WHERE changed.updated_at >= ${since} UNION ALL SELECT of_changed.id FROM services of_changed JOIN organizations owner ON owner.id = of_changed.organization_id WHERE owner.updated_at >= ${since})`,
    );
  }
  if (filters.taxonomy_term_id || filters.taxonomy_id) {
    const terms = await allTerms(db);
    if (filters.taxonomy_term_id)
      conditions.push(termCondition(filterForTerm(terms, filters.taxonomy_term_id)));
    if (filters.taxonomy_id)
      conditions.push(termCondition(filterForTaxonomy(terms, filters.taxonomy_id)));
  }
  return conditions;
}

/** Service ids the search engine ranks for `text`, best first (at most SEARCH_HIT_LIMIT hits). */
function rankedServiceIds(
  db: Database,
  text: string,
  options: CommonOptions,
  api: ApiOptions,
): Promise<string[]> {
  return searchServiceIds(
    db,
    { q: text, locale: options.locale, limit: SEARCH_HIT_LIMIT },
    api.searchTarget,
  );
}

async function context(db: Database, options: CommonOptions): Promise<HsdsContext> {
  const terms = await allTerms(db);
  return {
    termsById: new Map(terms.map((term) => [term.id, term])),
    locale: options.locale,
    textLocale: options.textLocale,
  };
}

function inOrder(records: PublicService[], ids: readonly string[]): PublicService[] {
  const byId = new Map(records.map((record) => [record.service.id, record]));
  return ids.map((id) => byId.get(id)).filter((record) => record !== undefined);
}

export async function hsdsServicesPage(db: Database, request: Request, api: ApiOptions = {}) {
  const url = new URL(request.url);
  const minimalAsked = url.searchParams.get("minimal") === "true";
  const query = parseQuery(url, PARAMETERS.services, {
    maxPerPage: minimalAsked ? MAX_PER_PAGE_MINIMAL : MAX_PER_PAGE,
  });
  const conditions = [PUBLIC_SERVICE, ...(await serviceFilters(db, query))];
  const offset = (query.page - 1) * query.perPage;
  let ids: string[];
  let total: number;
  if (query.search?.trim()) {
    const ranked = await rankedServiceIds(db, query.search, query, api);
    const allowed = ranked.length
      ? await db
          .select({ id: services.id })
          .from(services)
          .where(and(...conditions, anyId(services.id, ranked)))
      : [];
    const allowedIds = new Set(allowed.map((row) => row.id));
    const matching = ranked.filter((id) => allowedIds.has(id));
    total = matching.length;
    ids = matching.slice(offset, offset + query.perPage);
  } else {
    const [counted, rows] = await Promise.all([
      db
        .select({ total: count() })
        .from(services)
        .where(and(...conditions)),
      db
        .select({ id: services.id })
        .from(services)
        .where(and(...conditions))
        .orderBy(asc(services.id))
        .limit(query.perPage)
        .offset(offset),
    ]);
    total = counted[0]?.total ?? 0;
    ids = rows.map((row) => row.id);
  }
  const [records, hsds] = await Promise.all([
    loadPublicServices(db, { serviceIds: ids }),
    context(db, query),
  ]);
  const ordered = inOrder(records, ids);
  const contents = query.minimal
    ? ordered.map((record) => ({
        id: record.service.id,
        name: record.service.name,
        status: "active" as const,
        last_modified: lastModified(record).toISOString(),
      }))
    : ordered.map((record) =>
        query.full ? hsdsService(record, hsds) : hsdsServiceSummary(record, hsds),
      );
  return hsdsJson(request, page(contents, total, query.page, query.perPage));
}

export async function hsdsServiceById(db: Database, request: Request, id: string | undefined) {
  const query = parseQuery(new URL(request.url), PARAMETERS.item);
  const [record] = id && UUID.test(id) ? await loadPublicServices(db, { serviceIds: [id] }) : [];
  if (!record) throw notFound("service");
  return hsdsJson(request, hsdsService(record, await context(db, query)), lastModified(record));
}

export async function hsdsServiceAtLocationsPage(
  db: Database,
  request: Request,
  api: ApiOptions = {},
) {
  const query = parseQuery(new URL(request.url), PARAMETERS.service_at_locations);
  const filters = await serviceFilters(db, query);
  const conditions = [sql`${serviceAtLocation.serviceId} NOT IN (${HIDDEN_SERVICES})`];
  if (filters.length > 0)
    conditions.push(
      sql`${serviceAtLocation.serviceId} IN (SELECT ${services.id} FROM ${services} WHERE ${and(...filters)})`,
    );
  if (query.proximity !== undefined && !query.postcode)
    throw new HsdsError(400, "invalid_parameter", "proximity: needs a postcode", "proximity");
  if (query.postcode) {
    const zip = lookupZip(query.postcode);
    if (!zip)
      throw new HsdsError(
        400,
        "invalid_parameter",
        `postcode: unknown ZIP code "${query.postcode}"`,
        "postcode",
      );
    if (query.proximity !== undefined) {
      // Confidential locations have no public point: never found (or triangulated) by distance.
      conditions.push(
        sql`NOT ${locations.confidential} AND ${locations.latitude} IS NOT NULL AND 2 * 6371000 * asin(sqrt(power(sin(radians(${locations.latitude} - ${zip.latitude}) / 2), 2) + cos(radians(${zip.latitude})) * cos(radians(${locations.latitude})) * power(sin(radians(${locations.longitude} - ${zip.longitude}) / 2), 2))) <= ${query.proximity}`,
      );
    } else {
      // In the ZIP code's county, or of a service serving it or the whole state: each list of
      // services is read once into a hash (an EXISTS per row took a second at 100k).
      const county = zip.county ?? "";
      conditions.push(
        sql`(${locations.county} = ${county} OR ${serviceAtLocation.serviceId} IN (SELECT sa.service_id FROM service_areas sa WHERE sa.county = ${county}) OR (${locations.stateProvince} = ${zip.state} AND ${serviceAtLocation.serviceId} IN (SELECT sa.service_id FROM service_areas sa WHERE sa.statewide)))`,
      );
    }
  }
  const offset = (query.page - 1) * query.perPage;
  // The places are read only to filter by postcode.
  const withPlaces = <Q extends PgSelect>(select: Q) =>
    query.postcode
      ? select.innerJoin(locations, eq(locations.id, serviceAtLocation.locationId))
      : select;
  const base = () =>
    withPlaces(
      db
        .select({ id: serviceAtLocation.id, serviceId: serviceAtLocation.serviceId })
        .from(serviceAtLocation)
        .$dynamic(),
    );
  let rows: { id: string; serviceId: string }[];
  let total: number;
  if (query.search?.trim()) {
    const ranked = await rankedServiceIds(db, query.search, query, api);
    const rank = new Map(ranked.map((id, index) => [id, index]));
    const matching = ranked.length
      ? (
          await base()
            .where(and(...conditions, anyId(serviceAtLocation.serviceId, ranked)))
            .orderBy(asc(serviceAtLocation.id))
        ).sort((a, b) => rank.get(a.serviceId)! - rank.get(b.serviceId)!)
      : [];
    total = matching.length;
    rows = matching.slice(offset, offset + query.perPage);
  } else {
    const [counted, pageRows] = await Promise.all([
      withPlaces(db.select({ total: count() }).from(serviceAtLocation).$dynamic()).where(
        and(...conditions),
      ),
      base()
        .where(and(...conditions))
        .orderBy(asc(serviceAtLocation.id))
        .limit(query.perPage)
        .offset(offset),
    ]);
    total = counted[0]?.total ?? 0;
    rows = pageRows;
  }
  const [records, hsds] = await Promise.all([
    loadPublicServices(db, { serviceIds: rows.map((row) => row.serviceId) }),
    context(db, query),
  ]);
  const byService = new Map(records.map((record) => [record.service.id, record]));
  const contents = rows.flatMap((row) => {
    const record = byService.get(row.serviceId);
    const placement = record?.placements.find((candidate) => candidate.id === row.id);
    if (!record || !placement) return [];
    return [
      query.full
        ? hsdsServiceAtLocationFor(record, placement, hsds, { withService: true })
        : hsdsServiceAtLocationSummary(record, placement, hsds),
    ];
  });
  return hsdsJson(request, page(contents, total, query.page, query.perPage));
}

export async function hsdsServiceAtLocationById(
  db: Database,
  request: Request,
  id: string | undefined,
) {
  const query = parseQuery(new URL(request.url), PARAMETERS.item);
  const [link] =
    id && UUID.test(id)
      ? await db
          .select({ serviceId: serviceAtLocation.serviceId })
          .from(serviceAtLocation)
          .where(eq(serviceAtLocation.id, id))
      : [];
  const [record] = link ? await loadPublicServices(db, { serviceIds: [link.serviceId] }) : [];
  const placement = record?.placements.find((candidate) => candidate.id === id);
  if (!record || !placement) throw notFound("service_at_location");
  return hsdsJson(
    request,
    hsdsServiceAtLocationFor(record, placement, await context(db, query), { withService: true }),
    lastModified(record),
  );
}

/** Published organizations by id (in the given order), fully nested or not. */
export async function hsdsOrganizations(
  db: Database,
  ids: readonly string[],
  options: CommonOptions & { full: boolean; fullService: boolean },
) {
  if (ids.length === 0) return [];
  const [rows, translations, phoneRows, records, hsds] = await Promise.all([
    db
      .select()
      .from(organizations)
      .where(and(anyId(organizations.id, ids), eq(organizations.status, "published"))),
    db
      .select()
      .from(organizationTranslations)
      .where(anyId(organizationTranslations.organizationId, ids)),
    options.full
      ? db
          .select()
          .from(phones)
          .where(anyId(phones.organizationId, ids))
          .orderBy(asc(phones.position), asc(phones.createdAt), asc(phones.id))
      : Promise.resolve([]),
    options.full ? loadPublicServices(db, { organizationIds: ids }) : Promise.resolve([]),
    context(db, options),
  ]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const translationsOf = groupBy(translations, (row) => row.organizationId);
  const phonesOf = groupBy(phoneRows, (row) => row.organizationId);
  const recordsOf = groupBy(records, (record) => record.organization.id);
  return ids.flatMap((id) => {
    const organization = byId.get(id);
    if (!organization) return [];
    const descriptions: Record<string, string> = {};
    for (const row of translationsOf.get(id) ?? []) descriptions[row.locale] = row.description;
    if (organization.description)
      descriptions[organization.originalLanguage] = organization.description;
    const summary = hsdsOrganizationSummary(organization, descriptions, options.textLocale);
    if (!options.full) return [summary];
    const orgPhones = phonesOf.get(id) ?? [];
    const orgRecords = recordsOf.get(id) ?? [];
    const placed = new Map(
      orgRecords.flatMap((record) =>
        record.placements.map((placement) => [placement.location.id, placement.location] as const),
      ),
    );
    const full: HsdsOrganization = {
      ...summary,
      phones: orgPhones
        .filter((phone) => phone.serviceId === null && phone.locationId === null)
        .map(hsdsPhone),
      locations: [...placed.values()]
        .sort((a, b) => a.id.localeCompare(b.id))
        .map((location) => hsdsLocation(location, id, orgPhones)),
      services: orgRecords.map((record) =>
        options.fullService ? hsdsService(record, hsds) : hsdsServiceSummary(record, hsds),
      ),
      organization_identifiers: [],
      funding: [],
      contacts: [],
      programs: [],
      attributes: [],
    };
    return [full];
  });
}

export async function hsdsOrganizationsPage(db: Database, request: Request, api: ApiOptions = {}) {
  const query = parseQuery(new URL(request.url), PARAMETERS.organizations);
  const offset = (query.page - 1) * query.perPage;
  let ids: string[];
  let total: number;
  if (query.search?.trim()) {
    const rankedServices = await rankedServiceIds(db, query.search, query, api);
    const owners = rankedServices.length
      ? await db
          .select({ serviceId: services.id, organizationId: services.organizationId })
          .from(services)
          .where(and(PUBLIC_SERVICE, anyId(services.id, rankedServices)))
      : [];
    const ownerOf = new Map(owners.map((row) => [row.serviceId, row.organizationId]));
    const ranked = [
      ...new Set(rankedServices.map((id) => ownerOf.get(id)).filter((id) => id !== undefined)),
    ];
    total = ranked.length;
    ids = ranked.slice(offset, offset + query.perPage);
  } else {
    const published = sql`${organizations.status} = 'published'`;
    const [counted, rows] = await Promise.all([
      db.select({ total: count() }).from(organizations).where(published),
      db
        .select({ id: organizations.id })
        .from(organizations)
        .where(published)
        .orderBy(asc(organizations.id))
        .limit(query.perPage)
        .offset(offset),
    ]);
    total = counted[0]?.total ?? 0;
    ids = rows.map((row) => row.id);
  }
  const contents = await hsdsOrganizations(db, ids, {
    ...query,
    full: query.full ?? false,
    fullService: query.full_service ?? false,
  });
  return hsdsJson(request, page(contents, total, query.page, query.perPage));
}

export async function hsdsOrganizationById(db: Database, request: Request, id: string | undefined) {
  const query = parseQuery(new URL(request.url), PARAMETERS.organization);
  const [organization] =
    id && UUID.test(id)
      ? await hsdsOrganizations(db, [id], {
          ...query,
          full: true,
          fullService: query.full_service ?? false,
        })
      : [];
  if (!organization) throw notFound("organization");
  return hsdsJson(request, organization);
}

const matches = (search: string | undefined, ...texts: string[]) => {
  const needle = search?.trim().toLocaleLowerCase();
  return !needle || texts.some((text) => text.toLocaleLowerCase().includes(needle));
};

export function hsdsTaxonomiesPage(request: Request) {
  const query = parseQuery(new URL(request.url), PARAMETERS.taxonomies);
  const found = allTaxonomies().filter((taxonomy) =>
    matches(query.search, taxonomy.name, taxonomy.description),
  );
  const offset = (query.page - 1) * query.perPage;
  return hsdsJson(
    request,
    page(found.slice(offset, offset + query.perPage), found.length, query.page, query.perPage),
  );
}

export function hsdsTaxonomyById(request: Request, id: string | undefined) {
  parseQuery(new URL(request.url), {});
  const taxonomy = allTaxonomies().find((candidate) => candidate.id === id?.toLowerCase());
  if (!taxonomy) throw notFound("taxonomy");
  return hsdsJson(request, taxonomy);
}

export async function hsdsTaxonomyTermsPage(db: Database, request: Request) {
  const query = parseQuery(new URL(request.url), PARAMETERS.taxonomy_terms);
  const terms = await allTerms(db);
  const taxonomyName = query.taxonomy_id
    ? allTaxonomies().find((taxonomy) => taxonomy.id === query.taxonomy_id)?.name
    : undefined;
  const found = terms
    .filter(
      (term: TermEntry) =>
        (!query.taxonomy_id || term.taxonomy === taxonomyName) &&
        (!query.top_only || term.parentId === null) &&
        (!query.parent_id || term.parentId === query.parent_id),
    )
    .map((term) => hsdsTerm(term, query.locale))
    .filter((term) => matches(query.search, term.name, term.code, term.description));
  const offset = (query.page - 1) * query.perPage;
  return hsdsJson(
    request,
    page(found.slice(offset, offset + query.perPage), found.length, query.page, query.perPage),
  );
}

export async function hsdsTaxonomyTermById(db: Database, request: Request, id: string | undefined) {
  const query = parseQuery(new URL(request.url), PARAMETERS.item);
  const term = (await allTerms(db)).find((candidate) => candidate.id === id?.toLowerCase());
  if (!term) throw notFound("taxonomy_term");
  return hsdsJson(request, hsdsTerm(term, query.locale));
}
