ALTER TABLE "tenants" ADD COLUMN "name_set_by_hand" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
UPDATE "tenants" SET "name_set_by_hand" = true WHERE "source" = 'manual';
