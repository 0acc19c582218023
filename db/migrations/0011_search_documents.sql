CREATE TABLE "search_documents" (
	"id" text PRIMARY KEY NOT NULL,
	"service_id" uuid NOT NULL,
	"location_id" uuid,
	"organization_id" uuid NOT NULL,
	"build_version" text NOT NULL,
	"sort_name" text NOT NULL,
	"search_text" "tsvector" NOT NULL,
	"name_text" "tsvector" NOT NULL,
	"typo_text" text NOT NULL,
	"categories" text[] NOT NULL,
	"languages" text[] NOT NULL,
	"language_bases" text[] NOT NULL,
	"fees" text NOT NULL,
	"accepting_new_clients" boolean NOT NULL,
	"takes_detained_cases" boolean NOT NULL,
	"delivery_methods" text[] NOT NULL,
	"populations" text[] NOT NULL,
	"courts_served" text[] NOT NULL,
	"provider_types" text[] NOT NULL,
	"county" text,
	"counties" text[] NOT NULL,
	"open_hours" bit(168) NOT NULL,
	"time_zone" text NOT NULL,
	"has_geo" boolean NOT NULL,
	"latitude" double precision,
	"longitude" double precision
);
--> statement-breakpoint
CREATE INDEX "search_documents_service_idx" ON "search_documents" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "search_documents_organization_idx" ON "search_documents" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "search_documents_location_idx" ON "search_documents" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "search_documents_search_text_idx" ON "search_documents" USING gin ("search_text");--> statement-breakpoint
CREATE INDEX "search_documents_name_text_idx" ON "search_documents" USING gin ("name_text");--> statement-breakpoint
CREATE INDEX "search_documents_typo_text_idx" ON "search_documents" USING gin ("typo_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "search_documents_point_idx" ON "search_documents" USING btree ("latitude","longitude");--> statement-breakpoint
CREATE INDEX "search_documents_sort_idx" ON "search_documents" USING btree ("sort_name","service_id","location_id");--> statement-breakpoint
-- Rows stay narrow (a scan for filters and facet counts reads every row): the two full-text
-- columns, searched through their indexes alone, are kept out of line (TOAST); the values a
-- scan or a trigram recheck reads are never compressed or moved out (PLAIN), so reading them
-- costs no decompression.
ALTER TABLE "search_documents"
  ALTER COLUMN "search_text" SET STORAGE EXTERNAL,
  ALTER COLUMN "name_text" SET STORAGE EXTERNAL,
  ALTER COLUMN "typo_text" SET STORAGE PLAIN,
  ALTER COLUMN "id" SET STORAGE PLAIN,
  ALTER COLUMN "sort_name" SET STORAGE PLAIN,
  ALTER COLUMN "build_version" SET STORAGE PLAIN,
  ALTER COLUMN "categories" SET STORAGE PLAIN,
  ALTER COLUMN "languages" SET STORAGE PLAIN,
  ALTER COLUMN "language_bases" SET STORAGE PLAIN,
  ALTER COLUMN "fees" SET STORAGE PLAIN,
  ALTER COLUMN "delivery_methods" SET STORAGE PLAIN,
  ALTER COLUMN "populations" SET STORAGE PLAIN,
  ALTER COLUMN "courts_served" SET STORAGE PLAIN,
  ALTER COLUMN "provider_types" SET STORAGE PLAIN,
  ALTER COLUMN "county" SET STORAGE PLAIN,
  ALTER COLUMN "counties" SET STORAGE PLAIN,
  ALTER COLUMN "time_zone" SET STORAGE PLAIN,
  ALTER COLUMN "open_hours" SET STORAGE PLAIN,
  SET (toast_tuple_target = 128);
--> statement-breakpoint
-- The fallback now reads search_documents (filled on start by ensureSearchIndex, then kept by
-- the outbox worker): the expression indexes it used on the listing tables only slow writes.
DROP INDEX IF EXISTS "services_search_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "services_name_trgm_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "service_translations_search_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "organizations_search_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "organizations_name_trgm_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "organization_translations_search_idx";
