CREATE TABLE "behaviour_leads" (
	"day" date PRIMARY KEY NOT NULL,
	"lead_seconds" double precision[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "behaviour_periods" (
	"day" date NOT NULL,
	"family" text NOT NULL,
	"bucket" smallint NOT NULL,
	"bookings" integer NOT NULL,
	"organizer_ids" integer[] NOT NULL,
	CONSTRAINT "behaviour_periods_day_family_bucket_pk" PRIMARY KEY("day","family","bucket")
);
--> statement-breakpoint
-- Behaviour is written with the heatmap's days and read under their basis: the days written before
-- these tables go with their basis, so the repair writes both.
TRUNCATE "heatmap_periods", "heatmap_dirty";--> statement-breakpoint
DELETE FROM "heatmap_basis";
