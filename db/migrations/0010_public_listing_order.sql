CREATE INDEX IF NOT EXISTS "organizations_unpublished_idx" ON "organizations" USING btree ("id") WHERE "organizations"."status" <> 'published';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "organizations_updated_idx" ON "organizations" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "service_at_location_order_idx" ON "service_at_location" USING btree ("id","service_id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "services_active_order_idx" ON "services" USING btree ("id","organization_id") WHERE "services"."status" = 'active';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "services_inactive_idx" ON "services" USING btree ("id") WHERE "services"."status" <> 'active';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "services_updated_idx" ON "services" USING btree ("updated_at");