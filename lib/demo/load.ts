import path from "node:path";
import { and, count, eq, like } from "drizzle-orm";
import { defaultDataDir } from "@/db/client";
import { integrations, rooms } from "@/db/schema";
import { ingest } from "@/lib/ingest/pipeline";
import { openFileSource } from "@/lib/ingest/open-source";
import { importRoomDirectory } from "@/lib/rooms/import-rooms";
import { ingestWindow, type AppContext } from "@/lib/context";
import { writeDemoData } from "./generate";
import { sensitiveDemoRoom } from "./rooms";

const DEMO_PREFIX = "demo:";

/**
 * Writes the demo organisation's files and loads them through the same pipeline as any import:
 * the room directory, one ICS feed per ICS room, and the booking tool's CSV export.
 */
export async function loadDemo(context: AppContext, options: { force: boolean; log: (line: string) => void }): Promise<void> {
  const { database, keys } = context;
  const [existing] = await database.db.select({ n: count() }).from(integrations).where(like(integrations.name, `${DEMO_PREFIX}%`));
  if ((existing?.n ?? 0) > 0 && !options.force) {
    options.log("Demo data is already loaded (use --force to load it again).");
    return;
  }
  const dir = path.join(process.env.ROOMLENS_DATA_DIR ?? defaultDataDir(), "demo");
  const files = await writeDemoData(dir, { today: new Date() });
  options.log(`Demo organisation: ${files.rooms} rooms, ${files.people} people → ${dir}`);
  await importRoomDirectory(database.db, files.roomsCsv, "demo");
  await database.db
    .update(rooms)
    .set({ sensitive: true })
    .where(and(eq(rooms.building, sensitiveDemoRoom.building), eq(rooms.name, sensitiveDemoRoom.name)));

  const window = await ingestWindow(database);
  const timeZone = "Europe/London";
  const sources = [
    ...files.icsFiles.map((feed) => ({ file: feed.path, room: feed.room })),
    { file: files.bookingsCsv, room: undefined },
  ];
  for (const { file, room } of sources) {
    const source = await openFileSource(file, { room, timeZone, name: `${DEMO_PREFIX}${path.basename(file)}` });
    const report = await ingest(database, source, { keys, window, timeZone, defaultRoom: room ?? null });
    options.log(`  ${path.basename(file)}: ${report.inserted} new, ${report.updated} updated, ${report.excluded} excluded, ${report.rejected} rejected`);
  }
}
