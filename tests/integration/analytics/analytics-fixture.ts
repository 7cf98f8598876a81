import { eq } from "drizzle-orm";
import { rooms, settings } from "@/db/schema";
import type { SourceRecord } from "@/lib/ingest/types";
import type { WorkingTime } from "@/lib/analytics/working-time";
import { ingest } from "@/lib/ingest/pipeline";
import { arrayConnector } from "../../support/array-connector";
import { createTestDatabase, testKeys, type DatabaseKind, type TestDatabase } from "../../support/databases";

/** Mon 2 – Sun 8 March 2026; London is on GMT that week, so local times equal the UTC times written. */
export const week = { from: "2026-03-02", to: "2026-03-08" };
/** 08:00–18:00, Monday to Friday: 10 h a day, 50 h a week per room. */
export const workTime: WorkingTime = { workdayStartMinute: 8 * 60, workdayEndMinute: 18 * 60, workdays: [1, 2, 3, 4, 5], buildings: [], closures: [] };
/** Metric tests run with the smallest k the settings allow. */
export const k = 5;

export const by = (who: string) => ({ organizerEmail: `${who}@example.com` });

export type RoomSpec = { name: string; capacity?: number | null; building?: string; floor?: string; amenities?: string[] };

/** A fresh database with the rooms (London time), k = 5, and the records ingested through the privacy gate. */
export async function openAnalyticsDatabase(kind: DatabaseKind, roomSpecs: RoomSpec[], records: SourceRecord[]): Promise<TestDatabase> {
  const database = await createTestDatabase(kind);
  await database.db.insert(rooms).values(
    roomSpecs.map((room) => ({
      name: room.name,
      capacity: room.capacity === undefined ? 6 : room.capacity,
      building: room.building ?? "",
      floor: room.floor ?? "",
      amenities: room.amenities ?? [],
      timeZone: "Europe/London",
    })),
  );
  await database.db.update(settings).set({ minGroupSize: k }).where(eq(settings.id, 1));
  await ingest(
    database,
    { kind: "csv", name: "test", config: { source: "test" }, connector: arrayConnector(records), coverage: "observed" },
    { keys: testKeys, window: { from: new Date("2026-01-01"), to: new Date("2026-06-01") }, timeZone: "UTC", defaultRoom: null },
  );
  return database;
}

/** `count` organizers named `${prefix}1` … `${prefix}${count}`. */
export const people = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);
