-- Postgres fallback of the search (app/search/postgres-search.server.ts): full-text with the
-- 'simple' configuration, accent-insensitive, and trigram similarity on names.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
-- unaccent() is STABLE (it reads a dictionary); indexes need IMMUTABLE. The dictionary is fixed
-- by name, so wrapping it is the documented way to index unaccented text. Bodies name their
-- schemas: index builds run functions with a restricted search_path.
CREATE OR REPLACE FUNCTION puente_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION puente_norm(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.puente_unaccent(pg_catalog.lower($1)) $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION puente_tsv(text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT pg_catalog.to_tsvector('pg_catalog.simple'::regconfig, public.puente_unaccent(pg_catalog.lower($1))) $$;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS services_search_idx ON services
  USING gin (puente_tsv(name || ' ' || coalesce(alternate_name, '') || ' ' || description));
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS services_name_trgm_idx ON services USING gin (puente_norm(name) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS service_translations_search_idx ON service_translations
  USING gin (puente_tsv(coalesce(name, '') || ' ' || coalesce(description, '')));
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS organizations_search_idx ON organizations
  USING gin (puente_tsv(name || ' ' || coalesce(alternate_name, '') || ' ' || description));
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS organizations_name_trgm_idx ON organizations USING gin (puente_norm(name) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS organization_translations_search_idx ON organization_translations
  USING gin (puente_tsv(description));
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS locations_coordinates_idx ON locations (latitude, longitude);
