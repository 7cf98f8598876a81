CREATE TABLE "organizers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "organizers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"pseudonym" text NOT NULL,
	CONSTRAINT "organizers_pseudonym_unique" UNIQUE("pseudonym")
);
--> statement-breakpoint
CREATE TABLE "room_hour_rollups" (
	"room_id" integer NOT NULL,
	"day" date NOT NULL,
	"hour" smallint NOT NULL,
	"booked_seconds" double precision DEFAULT 0 NOT NULL,
	"booked_own_seconds" double precision,
	"booked_recent_seconds" double precision,
	"occupied_seconds" double precision DEFAULT 0 NOT NULL,
	"occupied_own_seconds" double precision,
	"occupied_recent_seconds" double precision,
	"lost_seconds" double precision DEFAULT 0 NOT NULL,
	"lost_own_seconds" double precision,
	"lost_recent_seconds" double precision,
	"bookings_started" integer DEFAULT 0 NOT NULL,
	"organizer_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	CONSTRAINT "room_hour_rollups_day_room_id_hour_pk" PRIMARY KEY("day","room_id","hour")
);
--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "local_day" date;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "first_slot" smallint;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "last_slot" smallint;--> statement-breakpoint
CREATE INDEX "bookings_room_local_day" ON "bookings" USING btree ("room_id","local_day");--> statement-breakpoint
CREATE INDEX "bookings_unplaced" ON "bookings" USING btree ("id") WHERE "bookings"."local_day" IS NULL;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_at_most_a_day" CHECK ("bookings"."ends_at" <= "bookings"."starts_at" + interval '24 hours');