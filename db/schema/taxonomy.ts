import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { services } from "./directory";
import { id, timestamps } from "./columns";

/** The legal-service categories (HSDS taxonomy_term), one taxonomy: "puente-immigration-legal". */
export const taxonomyTerms = pgTable(
  "taxonomy_terms",
  {
    id: id(),
    code: text("code").notNull().unique(),
    taxonomy: text("taxonomy").notNull().default("puente-immigration-legal"),
    parentId: uuid("parent_id"),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    position: integer("position").notNull().default(0),
    ...timestamps(),
  },
  (table) => [
    check("taxonomy_terms_code_format", sql`${table.code} ~ '^[a-z0-9_]+$'`),
    index("taxonomy_terms_parent_idx").on(table.parentId),
  ],
);

/** Names and the words people really use, per locale, for searching in any language. */
export const taxonomyTermTranslations = pgTable(
  "taxonomy_term_translations",
  {
    termId: uuid("term_id")
      .notNull()
      .references(() => taxonomyTerms.id, { onDelete: "cascade" }),
    locale: text("locale").notNull(),
    name: text("name").notNull(),
    keywords: text("keywords")
      .array()
      .notNull()
      .default(sql`ARRAY[]::text[]`),
  },
  (table) => [unique("taxonomy_term_translations_unique").on(table.termId, table.locale)],
);

export const serviceTaxonomy = pgTable(
  "service_taxonomy",
  {
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    termId: uuid("term_id")
      .notNull()
      .references(() => taxonomyTerms.id, { onDelete: "restrict" }),
  },
  (table) => [
    primaryKey({ columns: [table.serviceId, table.termId] }),
    index("service_taxonomy_term_idx").on(table.termId),
  ],
);
