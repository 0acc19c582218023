CREATE TYPE "public"."change_set_status" AS ENUM('pending', 'approved', 'returned', 'withdrawn');--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"actor_user_id" uuid,
	"actor_email" text,
	"organization_id" uuid,
	"entity_type" text NOT NULL,
	"entity_id" uuid,
	"action" text NOT NULL,
	"change_set_id" uuid,
	"before" jsonb,
	"after" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "change_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"author_user_id" uuid NOT NULL,
	"author_email" text NOT NULL,
	"status" "change_set_status" DEFAULT 'pending' NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid,
	"operation" text NOT NULL,
	"changes" jsonb NOT NULL,
	"base_snapshot" jsonb,
	"reviewer_user_id" uuid,
	"review_comment" text,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "change_sets_entity_type_known" CHECK ("change_sets"."entity_type" IN ('organization', 'service', 'location', 'phone')),
	CONSTRAINT "change_sets_operation_known" CHECK ("change_sets"."operation" IN ('create', 'update', 'delete')),
	CONSTRAINT "change_sets_new_entity" CHECK ("change_sets"."operation" <> 'create' OR "change_sets"."status" = 'approved' OR "change_sets"."entity_id" IS NULL),
	CONSTRAINT "change_sets_reviewed" CHECK (("change_sets"."status" IN ('approved', 'returned')) = ("change_sets"."reviewed_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "freshness_reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recipients" text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"job" text NOT NULL,
	"run_date" date NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "job_runs_job_run_date_pk" PRIMARY KEY("job","run_date")
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "trusted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "change_sets" ADD CONSTRAINT "change_sets_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_sets" ADD CONSTRAINT "change_sets_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_sets" ADD CONSTRAINT "change_sets_reviewer_user_id_users_id_fk" FOREIGN KEY ("reviewer_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "freshness_reminders" ADD CONSTRAINT "freshness_reminders_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_organization_idx" ON "audit_log" USING btree ("organization_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "change_sets_status_idx" ON "change_sets" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "change_sets_organization_idx" ON "change_sets" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "change_sets_entity_idx" ON "change_sets" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "freshness_reminders_organization_idx" ON "freshness_reminders" USING btree ("organization_id","sent_at");