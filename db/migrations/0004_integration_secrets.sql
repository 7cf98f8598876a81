ALTER TABLE "integrations" ADD COLUMN "secret_encrypted" text;--> statement-breakpoint
ALTER TABLE "integrations" ADD COLUMN "sync_interval_minutes" integer;--> statement-breakpoint
ALTER TABLE "integrations" ADD CONSTRAINT "integrations_sync_interval_range" CHECK ("integrations"."sync_interval_minutes" IS NULL OR "integrations"."sync_interval_minutes" BETWEEN 5 AND 10080);