ALTER TABLE "mail_outbox" ADD COLUMN "credential_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "sign_in_warning_sent_at" timestamp with time zone;