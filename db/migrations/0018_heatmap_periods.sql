CREATE TABLE "heatmap_basis" (
	"single" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"rooms_key" text NOT NULL,
	"working_time" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "heatmap_dirty" (
	"day" date PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "heatmap_periods" (
	"day" date NOT NULL,
	"hour" smallint NOT NULL,
	"booked_seconds" double precision NOT NULL,
	"organizer_ids" integer[] NOT NULL,
	CONSTRAINT "heatmap_periods_day_hour_pk" PRIMARY KEY("day","hour")
);
