ALTER TABLE "heatmap_periods" ADD COLUMN "bookings" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Rows written before this column count no bookings: dropped with their basis, so the repair writes them all again.
TRUNCATE "heatmap_periods", "heatmap_dirty";--> statement-breakpoint
DELETE FROM "heatmap_basis";
