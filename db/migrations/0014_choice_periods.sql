CREATE TABLE "choice_basis" (
	"room_id" integer PRIMARY KEY NOT NULL,
	"group_key" text NOT NULL,
	"working_time" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "choice_periods" (
	"room_id" integer NOT NULL,
	"grain" text NOT NULL,
	"period" date NOT NULL,
	"peer_free" boolean NOT NULL,
	"bookings" integer NOT NULL,
	"organizer_ids" integer[] NOT NULL,
	CONSTRAINT "choice_periods_room_id_grain_period_peer_free_pk" PRIMARY KEY("room_id","grain","period","peer_free")
);
--> statement-breakpoint
CREATE INDEX "choice_periods_period" ON "choice_periods" USING btree ("grain","period");