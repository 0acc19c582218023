import { sql } from "drizzle-orm";
import {
  bigserial,
  check,
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
