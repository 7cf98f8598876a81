ALTER TABLE "checkin_periods" ADD COLUMN "occupied_own_seconds" double precision;--> statement-breakpoint
ALTER TABLE "checkin_periods" ADD COLUMN "occupied_recent_seconds" double precision;--> statement-breakpoint
ALTER TABLE "checkin_periods" ADD COLUMN "lost_own_seconds" double precision;--> statement-breakpoint
ALTER TABLE "checkin_periods" ADD COLUMN "lost_recent_seconds" double precision;--> statement-breakpoint
-- Rows written before these columns would read as if no booking reached in from the day before: their
-- basis goes, so views read the hour rollups and the bookings until the repair writes them again.
DELETE FROM "checkin_basis";
