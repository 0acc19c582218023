ALTER TABLE "locations" ADD COLUMN "time_zone" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "intake_email" text;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "availability_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "keywords" text[] DEFAULT ARRAY[]::text[] NOT NULL;