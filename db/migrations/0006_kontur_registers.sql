ALTER TABLE "kkts" ADD COLUMN "connection_id" uuid;--> statement-breakpoint
ALTER TABLE "kkts" ADD COLUMN "provider_ref" text;--> statement-breakpoint
ALTER TABLE "kkts" ADD CONSTRAINT "kkts_connection_fk" FOREIGN KEY ("org_id","connection_id") REFERENCES "public"."connections"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kkts_org_connection_idx" ON "kkts" USING btree ("org_id","connection_id");--> statement-breakpoint
ALTER TABLE "kkts" ADD CONSTRAINT "kkts_one_feed_ck" CHECK ("kkts"."cabinet_id" is null or "kkts"."connection_id" is null);--> statement-breakpoint
ALTER TABLE "kkts" ADD CONSTRAINT "kkts_provider_ref_ck" CHECK (("kkts"."connection_id" is null) = ("kkts"."provider_ref" is null));