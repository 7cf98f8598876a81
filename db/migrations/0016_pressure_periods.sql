CREATE TABLE "pressure_basis" (
	"band" text NOT NULL,
	"all_buildings" boolean NOT NULL,
	"building" text NOT NULL,
	"group_key" text NOT NULL,
	"working_time" text NOT NULL,
	CONSTRAINT "pressure_basis_band_all_buildings_building_pk" PRIMARY KEY("band","all_buildings","building")
);
--> statement-breakpoint
CREATE TABLE "pressure_periods" (
	"band" text NOT NULL,
	"all_buildings" boolean NOT NULL,
	"building" text NOT NULL,
	"day" date NOT NULL,
	"peak" integer NOT NULL,
	"pressured_seconds" double precision NOT NULL,
	"bookings" integer NOT NULL,
	"organizer_ids" integer[] NOT NULL,
	CONSTRAINT "pressure_periods_band_all_buildings_building_day_pk" PRIMARY KEY("band","all_buildings","building","day")
);
--> statement-breakpoint
CREATE INDEX "pressure_periods_day" ON "pressure_periods" USING btree ("day");