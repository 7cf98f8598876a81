ALTER TABLE "heatmap_periods" ADD COLUMN "booked_own_seconds" double precision;--> statement-breakpoint
ALTER TABLE "heatmap_periods" ADD COLUMN "booked_recent_seconds" double precision;--> statement-breakpoint
ALTER TABLE "usage_periods" ADD COLUMN "booked_own_seconds" double precision;--> statement-breakpoint
ALTER TABLE "usage_periods" ADD COLUMN "booked_recent_seconds" double precision;--> statement-breakpoint
-- Rows written before these columns would read as if no booking reached in from the day before:
-- their bases go, so views read the hour rollups until the repair writes them again.
TRUNCATE "heatmap_periods", "heatmap_dirty";--> statement-breakpoint
DELETE FROM "heatmap_basis";--> statement-breakpoint
DELETE FROM "usage_basis";
