ALTER TABLE "room_hour_rollups" DROP CONSTRAINT "room_hour_rollups_day_room_id_hour_pk";--> statement-breakpoint
ALTER TABLE "room_hour_rollups" ADD CONSTRAINT "room_hour_rollups_room_id_day_hour_pk" PRIMARY KEY("room_id","day","hour");--> statement-breakpoint
CREATE INDEX "room_hour_rollups_day_brin" ON "room_hour_rollups" USING brin ("day");