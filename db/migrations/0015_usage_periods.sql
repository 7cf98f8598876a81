CREATE TABLE "usage_basis" (
	"room_id" integer PRIMARY KEY NOT NULL,
	"working_time" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "usage_periods" (
	"room_id" integer NOT NULL,
	"grain" text NOT NULL,
	"period" date NOT NULL,
	"bookings" integer NOT NULL,
	"booked_seconds" double precision NOT NULL,
	"organizer_ids" integer[] NOT NULL,
	CONSTRAINT "usage_periods_room_id_grain_period_pk" PRIMARY KEY("room_id","grain","period")
);
--> statement-breakpoint
CREATE INDEX "usage_periods_period" ON "usage_periods" USING btree ("grain","period");