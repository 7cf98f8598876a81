CREATE TABLE "checkin_basis" (
	"room_id" integer PRIMARY KEY NOT NULL,
	"time_zone" text NOT NULL,
	"working_time" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checkin_periods" (
	"room_id" integer NOT NULL,
	"grain" text NOT NULL,
	"period" date NOT NULL,
	"occupied_seconds" double precision NOT NULL,
	"lost_seconds" double precision NOT NULL,
	"ghosts" integer NOT NULL,
	"ghost_organizer_ids" integer[] NOT NULL,
	"attended" integer NOT NULL,
	"attended_organizer_ids" integer[] NOT NULL,
	"occupying" integer NOT NULL,
	"occupying_organizer_ids" integer[] NOT NULL,
	"checkin_data" boolean NOT NULL,
	CONSTRAINT "checkin_periods_room_id_grain_period_pk" PRIMARY KEY("room_id","grain","period")
);
--> statement-breakpoint
CREATE INDEX "checkin_periods_period" ON "checkin_periods" USING btree ("grain","period");