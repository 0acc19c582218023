CREATE TYPE "public"."referral_event_actor" AS ENUM('staff', 'organization', 'person', 'system');--> statement-breakpoint
CREATE TYPE "public"."referral_mode" AS ENUM('sent', 'logged');--> statement-breakpoint
CREATE TYPE "public"."referral_status" AS ENUM('logged', 'sent', 'received', 'accepted', 'declined', 'client_contacted', 'unable_to_reach', 'served', 'closed');--> statement-breakpoint
CREATE TABLE "referral_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"actor_kind" "referral_event_actor" NOT NULL,
	"actor_user_id" uuid,
	"from_status" "referral_status",
	"to_status" "referral_status" NOT NULL,
	"code" text,
	"note" "bytea",
	"key_id" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"sequence" bigserial NOT NULL,
	CONSTRAINT "referral_events_note_keyed" CHECK (("referral_events"."note" IS NULL) = ("referral_events"."key_id" IS NULL)),
	CONSTRAINT "referral_events_actor_user" CHECK (("referral_events"."actor_kind" IN ('staff', 'organization')) = ("referral_events"."actor_user_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slip_token_hash" text,
	"slip_expires_at" timestamp with time zone,
	"service_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"created_by_user_id" uuid,
	"mode" "referral_mode" NOT NULL,
	"status" "referral_status" NOT NULL,
	"preferred_language" text NOT NULL,
	"needs" text[] NOT NULL,
	"detained" boolean DEFAULT false NOT NULL,
	"has_court_date" boolean DEFAULT false NOT NULL,
	"has_deadline" boolean DEFAULT false NOT NULL,
	"follow_up_on" date,
	"county" text,
	"decline_reason" text,
	"outcome" text,
	"copied_from_id" uuid,
	"personal_data" "bytea",
	"key_id" text,
	"accepted_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"purged_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referrals_slip_token_hash_unique" UNIQUE("slip_token_hash"),
	CONSTRAINT "referrals_needs_known" CHECK (needs <@ ARRAY['asylum','removal_defense_detained','removal_defense_non_detained','daca','tps','naturalization','family_petitions','adjustment_of_status','u_visa','t_visa','vawa','sijs','work_permits','waivers','appeals','bond_hearings','foia','know_your_rights','public_benefits','consultations','interpretation']::text[]),
	CONSTRAINT "referrals_needs_not_empty" CHECK (cardinality("referrals"."needs") > 0),
	CONSTRAINT "referrals_language_format" CHECK ("referrals"."preferred_language" ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
	CONSTRAINT "referrals_county_known" CHECK ("referrals"."county" IS NULL OR county IN ('36005','36021','36027','36039','36047','36059','36061','36071','36079','36081','36085','36087','36103','36105','36111','36119')),
	CONSTRAINT "referrals_decline_reason_known" CHECK ("referrals"."decline_reason" IS NULL OR decline_reason IN ('not_accepting_new_clients','no_capacity','outside_service_area','not_eligible','needs_different_service','conflict_of_interest','other')),
	CONSTRAINT "referrals_outcome_known" CHECK ("referrals"."outcome" IS NULL OR outcome IN ('served','rematched','no_longer_needed','client_withdrew','could_not_reach','duplicate','other')),
	CONSTRAINT "referrals_declined_has_reason" CHECK ("referrals"."status" <> 'declined' OR "referrals"."decline_reason" IS NOT NULL),
	CONSTRAINT "referrals_final_has_outcome" CHECK (("referrals"."status" IN ('served', 'closed')) = ("referrals"."closed_at" IS NOT NULL) AND ("referrals"."closed_at" IS NULL OR "referrals"."outcome" IS NOT NULL)),
	CONSTRAINT "referrals_logged_mode" CHECK ("referrals"."status" <> 'logged' OR "referrals"."mode" = 'logged'),
	CONSTRAINT "referrals_sent_mode" CHECK ("referrals"."status" NOT IN ('sent', 'received') OR "referrals"."mode" = 'sent'),
	CONSTRAINT "referrals_personal_data_keyed" CHECK (("referrals"."personal_data" IS NULL) = ("referrals"."key_id" IS NULL)),
	CONSTRAINT "referrals_purged_has_no_personal_data" CHECK ("referrals"."purged_at" IS NULL OR "referrals"."personal_data" IS NULL),
	CONSTRAINT "referrals_slip_token_expires" CHECK (("referrals"."slip_token_hash" IS NULL) = ("referrals"."slip_expires_at" IS NULL)),
	CONSTRAINT "referrals_not_copied_from_itself" CHECK ("referrals"."copied_from_id" <> "referrals"."id")
);
--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_copied_from_id_referrals_id_fk" FOREIGN KEY ("copied_from_id") REFERENCES "public"."referrals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "referral_events_referral_idx" ON "referral_events" USING btree ("referral_id","at","sequence");--> statement-breakpoint
CREATE INDEX "referrals_status_created_idx" ON "referrals" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "referrals_organization_status_idx" ON "referrals" USING btree ("organization_id","status","created_at");--> statement-breakpoint
CREATE INDEX "referrals_created_idx" ON "referrals" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "referrals_follow_up_open_idx" ON "referrals" USING btree ("follow_up_on") WHERE "referrals"."closed_at" IS NULL;--> statement-breakpoint
CREATE INDEX "referrals_purge_idx" ON "referrals" USING btree ("closed_at") WHERE "referrals"."purged_at" IS NULL;--> statement-breakpoint
CREATE INDEX "referrals_needs_idx" ON "referrals" USING gin ("needs");--> statement-breakpoint
CREATE INDEX "referrals_county_idx" ON "referrals" USING btree ("county");--> statement-breakpoint
CREATE INDEX "referrals_language_idx" ON "referrals" USING btree ("preferred_language");--> statement-breakpoint
CREATE INDEX "referrals_service_idx" ON "referrals" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "referrals_copied_from_idx" ON "referrals" USING btree ("copied_from_id");