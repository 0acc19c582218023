CREATE INDEX "organizations_unpublished_idx" ON "organizations" USING btree ("id") WHERE "organizations"."status" <> 'published';--> statement-breakpoint
CREATE INDEX "organizations_updated_idx" ON "organizations" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "service_at_location_order_idx" ON "service_at_location" USING btree ("id","service_id");--> statement-breakpoint
CREATE INDEX "services_active_order_idx" ON "services" USING btree ("id","organization_id") WHERE "services"."status" = 'active';--> statement-breakpoint
CREATE INDEX "services_inactive_idx" ON "services" USING btree ("id") WHERE "services"."status" <> 'active';--> statement-breakpoint
CREATE INDEX "services_updated_idx" ON "services" USING btree ("updated_at");