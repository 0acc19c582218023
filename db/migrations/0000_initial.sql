CREATE TYPE "public"."fee_type" AS ENUM('free', 'sliding_scale', 'fee');--> statement-breakpoint
CREATE TYPE "public"."listing_status" AS ENUM('draft', 'published', 'archived');--> statement-breakpoint
CREATE TYPE "public"."phone_type" AS ENUM('voice', 'hotline', 'text', 'fax', 'tty');--> statement-breakpoint
CREATE TYPE "public"."service_status" AS ENUM('draft', 'active', 'paused', 'archived');--> statement-breakpoint
CREATE TABLE "locations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text,
	"description" text,
	"address_1" text NOT NULL,
	"address_2" text,
	"city" text NOT NULL,
	"county" text NOT NULL,
	"state_province" text DEFAULT 'NY' NOT NULL,
	"postal_code" text NOT NULL,
	"country" text DEFAULT 'US' NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"accessibility" text,
	"transportation" text,
	"confidential" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "locations_postal_code_format" CHECK ("locations"."postal_code" ~ '^[0-9]{5}(-[0-9]{4})?$'),
	CONSTRAINT "locations_coordinates_valid" CHECK (("locations"."latitude" IS NULL) = ("locations"."longitude" IS NULL) AND ("locations"."latitude" IS NULL OR ("locations"."latitude" BETWEEN -90 AND 90 AND "locations"."longitude" BETWEEN -180 AND 180)))
);
--> statement-breakpoint
CREATE TABLE "organization_translations" (
	"organization_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"description" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organization_translations_unique" UNIQUE("organization_id","locale")
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"alternate_name" text,
	"description" text DEFAULT '' NOT NULL,
	"original_language" text DEFAULT 'en' NOT NULL,
	"email" text,
	"website" text,
	"logo_url" text,
	"is_coalition_member" boolean DEFAULT true NOT NULL,
	"member_since" date,
	"status" "listing_status" DEFAULT 'draft' NOT NULL,
	"doj_recognized" boolean DEFAULT false NOT NULL,
	"assured_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organizations_slug_unique" UNIQUE("slug"),
	CONSTRAINT "organizations_slug_format" CHECK ("organizations"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "organizations_name_not_blank" CHECK (length(trim("organizations"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "phones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"service_id" uuid,
	"location_id" uuid,
	"number" text NOT NULL,
	"extension" text,
	"type" "phone_type" DEFAULT 'voice' NOT NULL,
	"description" text,
	"languages" text[] DEFAULT ARRAY[]::text[] NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "phones_number_format" CHECK ("phones"."number" ~ '^[0-9+() .-]{7,25}$')
);
--> statement-breakpoint
CREATE TABLE "schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"location_id" uuid,
	"weekday" smallint NOT NULL,
	"opens_at" time NOT NULL,
	"closes_at" time NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schedules_weekday_iso" CHECK ("schedules"."weekday" BETWEEN 1 AND 7),
	CONSTRAINT "schedules_opens_before_closes" CHECK ("schedules"."opens_at" < "schedules"."closes_at")
);
--> statement-breakpoint
CREATE TABLE "service_areas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"statewide" boolean DEFAULT false NOT NULL,
	"county" text,
	CONSTRAINT "service_areas_unique" UNIQUE("service_id","county"),
	CONSTRAINT "service_areas_scope" CHECK ("service_areas"."statewide" = ("service_areas"."county" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "service_at_location" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_at_location_unique" UNIQUE("service_id","location_id")
);
--> statement-breakpoint
CREATE TABLE "service_languages" (
	"service_id" uuid NOT NULL,
	"code" text NOT NULL,
	"note" text,
	CONSTRAINT "service_languages_unique" UNIQUE("service_id","code"),
	CONSTRAINT "service_languages_code_format" CHECK ("service_languages"."code" ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$')
);
--> statement-breakpoint
CREATE TABLE "service_translations" (
	"service_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"name" text,
	"description" text,
	"eligibility_description" text,
	"application_process" text,
	"fees_description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_translations_unique" UNIQUE("service_id","locale")
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"alternate_name" text,
	"description" text DEFAULT '' NOT NULL,
	"url" text,
	"email" text,
	"status" "service_status" DEFAULT 'draft' NOT NULL,
	"fees" "fee_type" DEFAULT 'free' NOT NULL,
	"fees_description" text,
	"eligibility_description" text,
	"application_process" text,
	"accepting_new_clients" boolean DEFAULT true NOT NULL,
	"takes_detained_cases" boolean DEFAULT false NOT NULL,
	"delivery_methods" text[] DEFAULT ARRAY['in_person']::text[] NOT NULL,
	"provider_types" text[] DEFAULT ARRAY[]::text[] NOT NULL,
	"populations" text[] DEFAULT ARRAY[]::text[] NOT NULL,
	"courts_served" text[] DEFAULT ARRAY[]::text[] NOT NULL,
	"assured_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "services_name_not_blank" CHECK (length(trim("services"."name")) > 0),
	CONSTRAINT "services_delivery_known" CHECK (delivery_methods <@ ARRAY['in_person','remote','phone']::text[]),
	CONSTRAINT "services_delivery_not_empty" CHECK (cardinality("services"."delivery_methods") > 0),
	CONSTRAINT "services_provider_known" CHECK (provider_types <@ ARRAY['attorney','accredited_representative']::text[]),
	CONSTRAINT "services_populations_known" CHECK (populations <@ ARRAY['children','survivors','lgbtq','criminal_records','detained','families','workers']::text[]),
	CONSTRAINT "services_courts_known" CHECK (courts_served <@ ARRAY['nyc_26_federal_plaza','nyc_290_broadway','nyc_varick_detained','batavia_detention','buffalo_court','orange_county_jail','elizabeth_detention','delaney_hall','newark_court','ulster_court']::text[])
);
--> statement-breakpoint
CREATE TABLE "service_taxonomy" (
	"service_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	CONSTRAINT "service_taxonomy_service_id_term_id_pk" PRIMARY KEY("service_id","term_id")
);
--> statement-breakpoint
CREATE TABLE "taxonomy_term_translations" (
	"term_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"name" text NOT NULL,
	"keywords" text[] DEFAULT ARRAY[]::text[] NOT NULL,
	CONSTRAINT "taxonomy_term_translations_unique" UNIQUE("term_id","locale")
);
--> statement-breakpoint
CREATE TABLE "taxonomy_terms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"taxonomy" text DEFAULT 'puente-immigration-legal' NOT NULL,
	"parent_id" uuid,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "taxonomy_terms_code_unique" UNIQUE("code"),
	CONSTRAINT "taxonomy_terms_code_format" CHECK ("taxonomy_terms"."code" ~ '^[a-z0-9_]+$')
);
--> statement-breakpoint
CREATE TABLE "search_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"available_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "search_outbox_entity_type_known" CHECK ("search_outbox"."entity_type" IN ('organization', 'service', 'location'))
);
--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_translations" ADD CONSTRAINT "organization_translations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phones" ADD CONSTRAINT "phones_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phones" ADD CONSTRAINT "phones_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phones" ADD CONSTRAINT "phones_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_areas" ADD CONSTRAINT "service_areas_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_at_location" ADD CONSTRAINT "service_at_location_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_at_location" ADD CONSTRAINT "service_at_location_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_languages" ADD CONSTRAINT "service_languages_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_translations" ADD CONSTRAINT "service_translations_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_taxonomy" ADD CONSTRAINT "service_taxonomy_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_taxonomy" ADD CONSTRAINT "service_taxonomy_term_id_taxonomy_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."taxonomy_terms"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taxonomy_term_translations" ADD CONSTRAINT "taxonomy_term_translations_term_id_taxonomy_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."taxonomy_terms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "locations_organization_idx" ON "locations" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "locations_county_idx" ON "locations" USING btree ("county");--> statement-breakpoint
CREATE INDEX "organizations_status_idx" ON "organizations" USING btree ("status");--> statement-breakpoint
CREATE INDEX "phones_organization_idx" ON "phones" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "phones_service_idx" ON "phones" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "phones_location_idx" ON "phones" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "schedules_service_idx" ON "schedules" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "service_areas_county_idx" ON "service_areas" USING btree ("county");--> statement-breakpoint
CREATE INDEX "service_at_location_location_idx" ON "service_at_location" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "service_languages_code_idx" ON "service_languages" USING btree ("code");--> statement-breakpoint
CREATE INDEX "services_organization_idx" ON "services" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "services_status_idx" ON "services" USING btree ("status");--> statement-breakpoint
CREATE INDEX "services_populations_idx" ON "services" USING gin ("populations");--> statement-breakpoint
CREATE INDEX "services_courts_idx" ON "services" USING gin ("courts_served");--> statement-breakpoint
CREATE INDEX "service_taxonomy_term_idx" ON "service_taxonomy" USING btree ("term_id");--> statement-breakpoint
CREATE INDEX "taxonomy_terms_parent_idx" ON "taxonomy_terms" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "search_outbox_available_idx" ON "search_outbox" USING btree ("available_at");