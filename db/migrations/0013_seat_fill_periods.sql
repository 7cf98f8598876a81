CREATE TABLE "seat_fill_basis" (
	"room_id" integer PRIMARY KEY NOT NULL,
	"capacity" integer,
	"time_zone" text NOT NULL,
	"working_time" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seat_fill_periods" (
	"room_id" integer NOT NULL,
	"grain" text NOT NULL,
	"period" date NOT NULL,
	"bucket" smallint NOT NULL,
	"bookings" integer NOT NULL,
	"weighted_fill_seconds" double precision NOT NULL,
	"seconds" double precision NOT NULL,
	"organizer_ids" integer[] NOT NULL,
	CONSTRAINT "seat_fill_periods_room_id_grain_period_bucket_pk" PRIMARY KEY("room_id","grain","period","bucket")
);
--> statement-breakpoint
CREATE INDEX "seat_fill_periods_period" ON "seat_fill_periods" USING btree ("grain","period");--> statement-breakpoint
CREATE INDEX "bookings_overnight" ON "bookings" USING btree ("room_id","local_day") WHERE "bookings"."last_slot" >= 24;