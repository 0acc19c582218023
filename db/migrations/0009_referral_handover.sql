ALTER TABLE "referral_events" ADD COLUMN "kind" text DEFAULT 'status' NOT NULL;--> statement-breakpoint
ALTER TABLE "referral_events" ADD COLUMN "delivery" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "reference_code" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "phone_lookup" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "email_lookup" text;--> statement-breakpoint
CREATE INDEX "referrals_phone_lookup_idx" ON "referrals" USING btree ("phone_lookup") WHERE "referrals"."phone_lookup" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "referrals_email_lookup_idx" ON "referrals" USING btree ("email_lookup") WHERE "referrals"."email_lookup" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_reference_code_unique" UNIQUE("reference_code");--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_kind_known" CHECK (kind IN ('status','slip_email','slip_sms'));--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_delivery_for_sends" CHECK (("referral_events"."kind" = 'status') = ("referral_events"."delivery" IS NULL) AND ("referral_events"."delivery" IS NULL OR delivery IN ('queued','sent','failed')));--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_reference_code_format" CHECK ("referrals"."reference_code" IS NULL OR "referrals"."reference_code" ~ '^[2-9A-HJKMNP-TV-Z]{8}$');--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_purged_has_no_lookup" CHECK ("referrals"."purged_at" IS NULL OR ("referrals"."phone_lookup" IS NULL AND "referrals"."email_lookup" IS NULL));--> statement-breakpoint
-- Referrals made before reference codes existed get one (8 characters without look-alikes;
-- the subquery names the row so that random() runs once per row).
UPDATE "referrals" SET "reference_code" = (
  SELECT string_agg(substr('23456789ABCDEFGHJKMNPQRSTVWXYZ', 1 + floor(random() * 30)::int, 1), '')
  FROM generate_series(1, 8) WHERE "referrals"."id" IS NOT NULL
) WHERE "reference_code" IS NULL;
