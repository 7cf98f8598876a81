import { createReadStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { bookings, integrations, rooms } from "@/db/schema";
import { UserError } from "@/lib/errors";
import { csvConnector } from "@/lib/ingest/csv";
import { lineDigester } from "@/lib/ingest/line-digest";
import { ingest, type IngestSource } from "@/lib/ingest/pipeline";
import { loadRoomDirectory } from "@/lib/ingest/room-directory";
import { createStagingTable, dropStagingTable } from "@/lib/ingest/staging";
import { stageUnchangedRows } from "@/lib/ingest/unchanged-rows";
import type { Connector, ConnectorContext, SourceRecord } from "@/lib/ingest/types";
import { excludePerson } from "@/lib/privacy/exclusion";
import type { PseudonymKeys } from "@/lib/privacy/pseudonymise";
import { dumpAllTables } from "../../support/cli-env";
import { createTestDatabase, databaseKinds, testKeys, type TestDatabase } from "../../support/databases";

// A re-import of a local CSV file recognises unchanged rows by their digest and parses only the others
// (lib/ingest/unchanged-rows.ts). Each case checks the report and the stored bookings against what a
// full reading gives, and counts the records the CSV reader parsed, to show what was skipped.

const options = { keys: testKeys, window: { from: new Date("2026-01-01"), to: new Date("2026-12-31") }, timeZone: "UTC", defaultRoom: null };
const HEADER = "id,room,start,end,organizer_email,attendee_count,title";
const row = (id: string, room: string, day: number, email: string, attendees = 2, title = "Weekly sync") =>
  `${id},${room},2026-03-${String(day).padStart(2, "0")}T09:00:00Z,2026-03-${String(day).padStart(2, "0")}T10:00:00Z,${email},${attendees},${title}`;

const directory = mkdtempSync(path.join(tmpdir(), "roomlens-unchanged-rows-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** A CSV file source as `roomlens import file.csv` opens it, counting the records its readings parse. */
function fileSource(name: string, lines: string[], secondReading?: string[]) {
  const file = path.join(directory, `${name}.csv`);
  writeFileSync(file, `${lines.join("\n")}\n`);
  const inner = csvConnector({ label: `${name}.csv`, open: () => createReadStream(file) }, {}, { rereadable: true });
  const parsed = { records: 0 };
  const counted = async function* (records: AsyncIterable<SourceRecord>) {
    for await (const record of records) {
      parsed.records += 1;
      yield record;
    }
  };
  const rereadable = inner.rereadable;
  if (!rereadable) throw new Error("a local file must be rereadable");
  const connector: Connector = {
    records: (context) => counted(inner.records(context)),
    rereadable: {
      texts: rereadable.texts,
      records: (context: ConnectorContext, keep: (row: number) => boolean) => {
        // The file is rewritten between the two readings, as by someone saving it meanwhile.
        if (secondReading) writeFileSync(file, `${secondReading.join("\n")}\n`);
        return counted(rereadable.records(context, keep));
      },
    },
  };
  const source: IngestSource = { kind: "csv", name, config: { source: file }, connector, coverage: "observed" };
  return { source, parsed };
}

describe.each(databaseKinds())("re-import of unchanged CSV rows on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await database.db.insert(rooms).values([{ name: "Orion", capacity: 6 }, { name: "Lyra", capacity: 4 }]);
  });
  afterAll(() => database.drop());

  const stored = async () =>
    (await database.db.select().from(bookings).orderBy(bookings.id)).map(({ updatedAt: _, ...rest }) => rest);
  const importFile = async (name: string, lines: string[], keys: PseudonymKeys = testKeys) => {
    const { source, parsed } = fileSource(name, lines);
    const report = await ingest(database, source, { ...options, keys });
    return { report, parsed: parsed.records };
  };

  const base = [
    HEADER,
    row("a", "Orion", 2, "ann@example.com"),
    row("b", "Orion", 3, "bob@example.com"),
    "",
    row("c", "Lyra", 4, "cyd@example.com"),
    row("d", "Nowhere", 5, "dee@example.com"), // an unknown room: rejected every time
    row("e", "Lyra", 6, "eve@example.com"),
  ];

  it("skips every unchanged row, and stores and reports what a full reading does", async () => {
    const first = await importFile("plain", base);
    expect(first.report).toMatchObject({ fetched: 5, inserted: 4, unchanged: 0, rejected: 1 });
    expect(first.parsed).toBe(5);
    const before = await stored();
    expect(before.every((b) => b.sourceDigest !== null && b.sourceDigest.length === 22)).toBe(true);

    const again = await importFile("plain", base);
    // Only the rejected row, which stored nothing, is parsed again; it is reported again.
    expect(again.parsed).toBe(1);
    expect(again.report).toMatchObject({ fetched: 5, inserted: 0, updated: 0, unchanged: 4, cancelled: 0, rejected: 1 });
    expect(again.report.rejections).toEqual([{ where: "plain.csv row 6", reason: expect.stringContaining("unknown room") }]);
    expect(await stored()).toEqual(before);
  });

  it("parses only the rows that changed, and cancels the one that disappeared", async () => {
    const edited = [
      HEADER,
      row("a", "Orion", 2, "ann@example.com", 5), // changed: 5 attendees
      row("b", "Orion", 3, "bob@example.com", 2, "Renamed meeting"), // only an unmapped cell changed
      row("e", "Lyra", 6, "eve@example.com"),
      row("f", "Lyra", 7, "fay@example.com"), // new
      // c disappeared (its period, 2–7 March, is still covered); d is still rejected
      row("d", "Nowhere", 5, "dee@example.com"),
    ];
    const { report, parsed } = await importFile("plain", edited);
    expect(parsed).toBe(4); // a, b, f, d
    // b's stored fields are as they were: unchanged, given its new digest.
    expect(report).toMatchObject({ fetched: 5, inserted: 1, updated: 1, unchanged: 2, cancelled: 1, rejected: 1 });
    const rows = await stored();
    expect(rows.map((b) => [b.status, b.attendeeCount])).toEqual([
      ["confirmed", 5],
      ["confirmed", 2],
      ["cancelled", 2],
      ["confirmed", 2],
      ["confirmed", 2],
    ]);
    // The cancelled booking lost its digest, so its row, listed again as it was, is written again.
    expect(rows[2]?.sourceDigest).toBeNull();
    const back = await importFile("plain", [...edited, row("c", "Lyra", 4, "cyd@example.com")]);
    expect(back.parsed).toBe(2); // c and the rejected d
    expect(back.report).toMatchObject({ updated: 1, unchanged: 4, cancelled: 0 });
    expect((await stored())[2]?.status).toBe("confirmed");
    // A row changed only in a cell Roomlens never reads gets its new digest and is then skipped.
    expect((await importFile("plain", [...edited, row("c", "Lyra", 4, "cyd@example.com")])).parsed).toBe(1);
  });

  it("keeps a key's last listing when an earlier listing of it changed", async () => {
    await importFile("twice", [HEADER, row("t", "Orion", 9, "ann@example.com", 3)]);
    const { report, parsed } = await importFile("twice", [HEADER, row("t", "Orion", 9, "ann@example.com", 8), row("t", "Orion", 9, "ann@example.com", 3)]);
    expect(parsed).toBe(1);
    expect(report).toMatchObject({ fetched: 2, inserted: 0, updated: 0, unchanged: 1 });
  });

  it("drops the rows of a person excluded since, and skips the others", async () => {
    const lines = [HEADER, row("x1", "Orion", 12, "gil@example.com"), row("x2", "Lyra", 12, "hal@example.com")];
    await importFile("exclusion", lines);
    await excludePerson(database.db, testKeys, "gil@example.com", "test");
    const { report, parsed } = await importFile("exclusion", lines);
    expect(parsed).toBe(1);
    expect(report).toMatchObject({ fetched: 2, excluded: 1, inserted: 0, unchanged: 1 });
    expect((await stored()).filter((b) => b.startsAt.toISOString().startsWith("2026-03-12"))).toHaveLength(1);
  });

  it("reads every row again under a new pseudonym key, then skips them again", async () => {
    const lines = [HEADER, row("k1", "Orion", 16, "ivy@example.com"), row("k2", "Lyra", 16, "jon@example.com")];
    await importFile("rotation", lines);
    const rotated: PseudonymKeys = { current: { version: 2, secret: "a-second-test-key-of-enough-length" }, live: [testKeys.current] };
    rotated.live.push(rotated.current);
    const after = await importFile("rotation", lines, rotated);
    expect(after.parsed).toBe(2);
    expect(after.report).toMatchObject({ updated: 2, unchanged: 0 });
    expect((await importFile("rotation", lines, rotated)).parsed).toBe(0);
  });

  it("reads a file with quoting RFC 4180 does not allow in full, and still finds nothing changed", async () => {
    const lines = [HEADER, row("q1", "Orion", 20, "kim@example.com", 2, 'a 27" screen'), row("q2", "Lyra", 20, "lee@example.com")];
    await importFile("irregular", lines);
    const { report, parsed } = await importFile("irregular", lines);
    expect(parsed).toBe(2);
    expect(report).toMatchObject({ fetched: 2, inserted: 0, updated: 0, unchanged: 2 });
  });

  it("reads a UTF-16 file in full", async () => {
    const name = "utf16";
    const text = [HEADER, row("u1", "Orion", 21, "ola@example.com"), row("u2", "Lyra", 21, "pat@example.com")].join("\r\n");
    const file = path.join(directory, `${name}.csv`);
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    const connector = csvConnector({ label: `${name}.csv`, open: () => createReadStream(file) }, {}, { rereadable: true });
    const source: IngestSource = { kind: "csv", name, config: { source: file }, connector, coverage: "observed" };
    expect(await ingest(database, source, options)).toMatchObject({ fetched: 2, inserted: 2 });
    expect(await ingest(database, source, options)).toMatchObject({ fetched: 2, inserted: 0, updated: 0, unchanged: 2 });
  });

  it("stages nothing, so that the file is read in full, when more rows changed than it keeps", async () => {
    const lines = [HEADER, row("m1", "Orion", 25, "ray@example.com"), row("m2", "Lyra", 25, "sam@example.com"), row("m3", "Lyra", 26, "tia@example.com")];
    await importFile("many", lines);
    const edited = [HEADER, row("m1", "Orion", 25, "ray@example.com", 4), row("m2", "Lyra", 25, "sam@example.com", 4), lines[3] ?? ""];
    const { source } = fileSource("many", edited);
    const [integration] = await database.db.select().from(integrations).where(eq(integrations.name, "many"));
    const rereadable = source.connector.rereadable;
    if (!integration || !rereadable) throw new Error("set-up");
    const staging = `ingest_staging_${Date.now()}_test`;
    await createStagingTable(database.db, staging);
    try {
      const digest = lineDigester({ keys: testKeys, directory: (await loadRoomDirectory(database.db, null)).fingerprint, kind: "csv", config: source.config, timeZone: "UTC", defaultRoom: null });
      const staged = async () => (await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::integer AS n FROM ${sql.raw(`"${staging}"`)}`))[0]?.n;
      // Two rows changed: with room for two, m3 is staged unchanged and m1, m2 are left to parse.
      const found = await stageUnchangedRows(database, staging, integration.id, rereadable, digest, undefined, 2);
      expect(found && [found.rows, [...found.changed.keys()]]).toEqual([1, [2, 3]]);
      expect(await staged()).toBe(1);
      await database.db.execute(sql`TRUNCATE ${sql.raw(`"${staging}"`)}`);
      // With room for one, nothing is staged and the caller reads every row.
      expect(await stageUnchangedRows(database, staging, integration.id, rereadable, digest, undefined, 1)).toBeNull();
      expect(await staged()).toBe(0);
    } finally {
      await dropStagingTable(database.db, staging);
    }
  });

  it("stores no title and no e-mail anywhere, though the row digests cover both (invariant 1)", async () => {
    // Every case above has run: first imports, re-imports, changed titles, an exclusion, a key rotation.
    const dump = (await dumpAllTables(database)).toLowerCase();
    for (const title of ["weekly sync", "renamed meeting", "27\" screen"]) expect(dump).not.toContain(title);
    expect(dump).not.toMatch(/@example\.com/);
    expect(dump).toMatch(/"source_?digest":"[\w-]{22}"/i);
  });

  it("refuses a file that changed between its two readings, and writes nothing", async () => {
    const lines = [HEADER, row("s1", "Orion", 23, "max@example.com"), row("s2", "Lyra", 23, "ned@example.com")];
    await importFile("saved", lines);
    const before = await stored();
    const edited = [HEADER, row("s1", "Orion", 23, "max@example.com", 4), row("s2", "Lyra", 23, "ned@example.com")];
    const meanwhile = [HEADER, row("s1", "Orion", 23, "max@example.com", 6), row("s2", "Lyra", 23, "ned@example.com")];
    const { source } = fileSource("saved", edited, meanwhile);
    await expect(ingest(database, source, options)).rejects.toThrow(UserError);
    await expect(ingest(database, fileSource("saved", edited, meanwhile).source, options)).rejects.toThrow(/changed while it was being imported/);
    expect(await stored()).toEqual(before);
  });
});
