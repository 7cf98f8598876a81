CREATE TABLE "buildings" (
	"name" text PRIMARY KEY NOT NULL,
	"workday_start_minute" integer,
	"workday_end_minute" integer,
	"workdays" integer[],
	CONSTRAINT "buildings_workday_order" CHECK ("buildings"."workday_start_minute" < "buildings"."workday_end_minute")
);
--> statement-breakpoint
CREATE TABLE "closure_days" (
	"building" text NOT NULL,
	"day" date NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	CONSTRAINT "closure_days_building_day_pk" PRIMARY KEY("building","day")
);
--> statement-breakpoint
ALTER TABLE "rooms" ADD COLUMN "sensitive" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "recommendation_thresholds" jsonb DEFAULT '{}'::jsonb NOT NULL;