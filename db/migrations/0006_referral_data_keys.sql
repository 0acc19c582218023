CREATE TABLE "referral_data_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"wrapped_key" "bytea",
	"wrapped_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"destroyed_at" timestamp with time zone,
	CONSTRAINT "referral_data_keys_id_format" CHECK ("referral_data_keys"."id" ~ '^(open|closed)-[0-9]{4}-[0-9]{2}$'),
	CONSTRAINT "referral_data_keys_wrapped_or_destroyed" CHECK (("referral_data_keys"."wrapped_key" IS NULL) = ("referral_data_keys"."destroyed_at" IS NOT NULL) AND ("referral_data_keys"."wrapped_key" IS NULL) = ("referral_data_keys"."wrapped_by" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "referral_slip_reveals" (
	"referral_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "referral_slip_reveals_referral_id_user_id_pk" PRIMARY KEY("referral_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "referrals" DROP CONSTRAINT "referrals_outcome_known";--> statement-breakpoint
ALTER TABLE "referral_slip_reveals" ADD CONSTRAINT "referral_slip_reveals_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_outcome_known" CHECK ("referrals"."outcome" IS NULL OR outcome IN ('served','rematched','no_longer_needed','client_withdrew','could_not_reach','duplicate','other','inactive'));