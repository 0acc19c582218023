import { and, inArray, notInArray, or, sql, type SQL } from "drizzle-orm";
import { searchDocuments } from "#db/schema";
import type { DbOrTx } from "~/db.server";
import type { ServiceDocument } from "~/search/documents.server";
import { SEARCHABLE_ATTRIBUTES } from "~/search/settings.server";

/*
 * search_documents (db/schema/search.ts): the Meilisearch documents as rows, for the Postgres
 * fallback. The outbox worker writes the rows of the documents it pushes, in the same
 * transaction and before Meilisearch (sync.server.ts); ensureSearchRows rewrites them all when
 * they are missing or of another build (reindex.server.ts). Only the fields the fallback matches, filters, counts and orders by are
 * kept: a page of results is built from the listing tables (buildDocuments), as the index is.
 */

/** Rows per INSERT: one JSON parameter each, so no limit on bind parameters applies. */
const ROWS_PER_STATEMENT = 1000;

/** The text of a document's attributes (strings, lists, objects of them by language) in one. */
function textOf(values: unknown[]): string {
  const words: string[] = [];
  const collect = (value: unknown) => {
    if (typeof value === "string") words.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === "object") Object.values(value).forEach(collect);
  };
  values.forEach(collect);
  return words.join(" ");
}

/** Hours of the week, as bits: open_slots' "3-14" (Wednesday 2 pm) is bit 2 × 24 + 14. */
export const WEEK_HOURS = 7 * 24;
export function slotBit(slot: string): number {
  const [weekday, hour] = slot.split("-").map(Number);
  return (weekday! - 1) * 24 + hour!;
}
function openHours(slots: readonly string[]): string {
  const bits = Array.from({ length: WEEK_HOURS }, () => "0");
  for (const slot of slots) bits[slotBit(slot)] = "1";
  return bits.join("");
}

/** One document as the JSON record the INSERT below reads. */
function rowOf(document: ServiceDocument) {
  return {
    id: document.id,
    service_id: document.serviceId,
    location_id: document.locationId,
    organization_id: document.organizationId,
    build_version: document.buildVersion,
    sort_name: document.sortName,
    search_words: textOf(SEARCHABLE_ATTRIBUTES.map((attribute) => document[attribute])),
    name_words: textOf([document.serviceNames, document.organizationName]),
    categories: document.categories,
    languages: document.languages,
    language_bases: document.languageBases,
    fees: document.fees,
    accepting_new_clients: document.acceptingNewClients,
    takes_detained_cases: document.takesDetainedCases,
    delivery_methods: document.deliveryMethods,
    populations: document.populations,
    courts_served: document.courtsServed,
    provider_types: document.providerTypes,
    county: document.county,
    counties: document.counties,
    open_hours: openHours(document.open_slots),
    time_zone: document.timeZone,
    has_geo: document.hasGeo,
    latitude: document._geo?.lat ?? null,
    longitude: document._geo?.lng ?? null,
  };
}

/** Copied as is from the JSON record; the two texts become lexemes (both) and trigrams (names). */
const PLAIN_COLUMNS = [
  ["id", "text"],
  ["service_id", "uuid"],
  ["location_id", "uuid"],
  ["organization_id", "uuid"],
  ["build_version", "text"],
  ["sort_name", "text"],
  ["categories", "text[]"],
  ["languages", "text[]"],
  ["language_bases", "text[]"],
  ["fees", "text"],
  ["accepting_new_clients", "boolean"],
  ["takes_detained_cases", "boolean"],
  ["delivery_methods", "text[]"],
  ["populations", "text[]"],
  ["courts_served", "text[]"],
  ["provider_types", "text[]"],
  ["county", "text"],
  ["counties", "text[]"],
  ["open_hours", `bit(${WEEK_HOURS})`],
  ["time_zone", "text"],
  ["has_geo", "boolean"],
  ["latitude", "float8"],
  ["longitude", "float8"],
] as const;
const TEXT_COLUMNS = [
  ["search_text", "puente_tsv(r.search_words)"],
  ["name_text", "puente_tsv(r.name_words)"],
  ["typo_text", "puente_norm(r.name_words)"],
] as const;

const columnList = sql.raw(
  [...PLAIN_COLUMNS.map(([name]) => name), ...TEXT_COLUMNS.map(([name]) => name)].join(", "),
);
const selectList = sql.raw(
  [...PLAIN_COLUMNS.map(([name]) => `r.${name}`), ...TEXT_COLUMNS.map(([, value]) => value)].join(
    ", ",
  ),
);
const recordType = sql.raw(
  [
    ...PLAIN_COLUMNS.map(([name, type]) => `${name} ${type}`),
    "search_words text",
    "name_words text",
  ].join(", "),
);
const updateList = sql.raw(
  [...PLAIN_COLUMNS.slice(1), ...TEXT_COLUMNS]
    .map(([name]) => `${name} = EXCLUDED.${name}`)
    .join(", "),
);

/** Inserts the documents' rows, replacing rows of the same id. */
export async function writeSearchRows(
  tx: DbOrTx,
  documents: readonly ServiceDocument[],
): Promise<void> {
  for (let start = 0; start < documents.length; start += ROWS_PER_STATEMENT) {
    const records = JSON.stringify(documents.slice(start, start + ROWS_PER_STATEMENT).map(rowOf));
    await tx.execute(sql`
      INSERT INTO search_documents (${columnList})
      SELECT ${selectList} FROM jsonb_to_recordset(${records}::jsonb) AS r(${recordType})
      ON CONFLICT (id) DO UPDATE SET ${updateList}`);
  }
}

/** Where rows of these services, organizations or locations may be. */
function scopeCondition(scope: SearchRowScope): SQL | undefined {
  const parts = [
    [searchDocuments.serviceId, scope.serviceIds],
    [searchDocuments.organizationId, scope.organizationIds],
    [searchDocuments.locationId, scope.locationIds],
  ] as const;
  return or(
    ...parts.flatMap(([column, ids]) => (ids.length > 0 ? [inArray(column, [...ids])] : [])),
  );
}

export interface SearchRowScope {
  serviceIds: readonly string[];
  organizationIds: readonly string[];
  locationIds: readonly string[];
}

/**
 * Services that have rows of these organizations or locations: after one is deleted, the
 * rows are all that is left to find its services by.
 */
export async function servicesWithSearchRows(
  tx: DbOrTx,
  scope: Omit<SearchRowScope, "serviceIds">,
): Promise<string[]> {
  const condition = scopeCondition({ ...scope, serviceIds: [] });
  if (!condition) return [];
  const rows = await tx
    .selectDistinct({ serviceId: searchDocuments.serviceId })
    .from(searchDocuments)
    .where(condition);
  return rows.map((row) => row.serviceId);
}

/**
 * Brings the rows of these entities in line with their documents: rows the database no longer
 * produces (unpublished, removed) go, the documents' rows are written.
 */
export async function replaceSearchRows(
  tx: DbOrTx,
  scope: SearchRowScope,
  documents: readonly ServiceDocument[],
): Promise<void> {
  const condition = scopeCondition(scope);
  if (condition) {
    const kept = documents.map((document) => document.id);
    await tx.delete(searchDocuments).where(and(condition, notInArray(searchDocuments.id, kept)));
  }
  await writeSearchRows(tx, documents);
}

/** Every row goes (in the caller's transaction: others see the old rows until it commits). */
export async function clearSearchRows(tx: DbOrTx): Promise<void> {
  await tx.delete(searchDocuments);
}

/** How many rows there are, and how many were built by another build version. */
export async function searchRowsState(
  db: DbOrTx,
  buildVersion: string,
): Promise<{ rows: number; outdated: number }> {
  const [row] = await db
    .select({
      rows: sql<number>`count(*)::int`,
      outdated: sql<number>`(count(*) FILTER (WHERE ${searchDocuments.buildVersion} <> ${buildVersion}))::int`,
    })
    .from(searchDocuments);
  return { rows: row?.rows ?? 0, outdated: row?.outdated ?? 0 };
}
