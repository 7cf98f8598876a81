CREATE TABLE "pressure_dirty" (
	"band" text NOT NULL,
	"day" date NOT NULL,
	CONSTRAINT "pressure_dirty_band_day_pk" PRIMARY KEY("band","day")
);
