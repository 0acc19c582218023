import { sql } from "drizzle-orm";
import {
  bigserial,
  bit,
  boolean,
  check,
  customType,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

/**
 * Transactional outbox for the search index: every write to a listing inserts a row here in
 * the same transaction. The sync worker claims rows with FOR UPDATE SKIP LOCKED, pushes the
 * affected documents to Meilisearch and deletes the rows; failures back off via available_at.
 */
export const searchOutbox = pgTable(
  "search_outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    entityType: text("entity_type").notNull(),
    entityId: uuid("entity_id").notNull(),
    attempts: integer("attempts").notNull().default(0),
    availableAt: timestamp("available_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("search_outbox_available_idx").on(table.availableAt),
    check(
      "search_outbox_entity_type_known",
      sql`${table.entityType} IN ('organization', 'service', 'location')`,
    ),
  ],
);

/** Full-text lexemes (`puente_tsv(text)`), written and read only as SQL. */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * The search documents in Postgres: one row per document of the Meilisearch index (a service
 * at a location, or a service without a place), with the fields the fallback search matches,
 * filters, counts and orders by (app/search/postgres-search.server.ts). Written by the outbox
 * worker in the same transaction that pushes the documents to Meilisearch, and before it, so
 * the rows stay current while Meilisearch is down; rebuilt whole by a reindex.
 */
export const searchDocuments = pgTable(
  "search_documents",
  {
    /** The Meilisearch document id (documentId()). */
    id: text("id").primaryKey(),
    serviceId: uuid("service_id").notNull(),
    locationId: uuid("location_id"),
    organizationId: uuid("organization_id").notNull(),
    buildVersion: text("build_version").notNull(),
    sortName: text("sort_name").notNull(),
    /** Every searchable attribute of the document, in every language. */
    searchText: tsvector("search_text").notNull(),
    /** Service names in every language and the organization's name: "a match in a name". */
    nameText: tsvector("name_text").notNull(),
    /** The service's names in every language and the organization's, normalized: typos (trigrams). */
    typoText: text("typo_text").notNull(),
    categories: text("categories").array().notNull(),
    languages: text("languages").array().notNull(),
    languageBases: text("language_bases").array().notNull(),
    fees: text("fees").notNull(),
    acceptingNewClients: boolean("accepting_new_clients").notNull(),
    takesDetainedCases: boolean("takes_detained_cases").notNull(),
    deliveryMethods: text("delivery_methods").array().notNull(),
    populations: text("populations").array().notNull(),
    courtsServed: text("courts_served").array().notNull(),
    providerTypes: text("provider_types").array().notNull(),
    county: text("county"),
    counties: text("counties").array().notNull(),
    /** Hours of the week it is open (open_slots as bits: search-table.server.ts slotBit). */
    openHours: bit("open_hours", { dimensions: 168 }).notNull(),
    timeZone: text("time_zone").notNull(),
    hasGeo: boolean("has_geo").notNull(),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
  },
  (table) => [
    index("search_documents_service_idx").on(table.serviceId),
    index("search_documents_organization_idx").on(table.organizationId),
    index("search_documents_location_idx").on(table.locationId),
    index("search_documents_search_text_idx").using("gin", table.searchText),
    index("search_documents_name_text_idx").using("gin", table.nameText),
    index("search_documents_typo_text_idx").using("gin", sql`${table.typoText} gin_trgm_ops`),
    index("search_documents_point_idx").on(table.latitude, table.longitude),
    index("search_documents_sort_idx").on(table.sortName, table.serviceId, table.locationId),
  ],
);
