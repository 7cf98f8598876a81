import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCliEnvironment, dumpAllTables } from "../../support/cli-env";
import { databaseKinds } from "../../support/databases";

const fixture = (name: string) => path.resolve("tests/fixtures/probe", name);

// Everything that identifies a person or a meeting in the fixtures; none may be stored or printed.
const identities = [
  "zephyrine", "quaglieri", "bartholomew", "okonkwo", "ottoline", "vashchenko", "philippa", "wrenfield",
  "ignatius", "faraday", "nightjar", "hushed-orchid", "salary", "medical", "3rd floor", "bartholomew.ol@probe.example",
];

describe.each(databaseKinds())("CLI import on %s", (kind) => {
  let cli: Awaited<ReturnType<typeof createCliEnvironment>>;
  const printed: string[] = [];
  const run = async (...argv: string[]) => {
    const result = await cli.run(...argv);
    printed.push(result.stdout, result.stderr);
    return result;
  };

  beforeAll(async () => {
    cli = await createCliEnvironment(kind);
  });
  afterAll(() => cli.cleanup());

  it("imports a room feed and a booking-tool export", async () => {
    expect((await run("rooms", "import", fixture("rooms.csv"))).code).toBe(0);
    const ics = await run("import", fixture("orion-feed.ics"));
    expect(ics.code).toBe(0);
    // Weekly ×6 from 5 Jan minus the EXDATE of 19 Jan = 5 instances (12 Jan moved), + 1 private event.
    expect(ics.stdout).toMatch(/6 new, 0 updated, 0 unchanged, 0 cancelled, 0 excluded, 0 all-day skipped, 0 rejected/);
    const csv = await run("import", fixture("booking-tool.csv"));
    expect(csv.stdout).toMatch(/2 read, 2 new/);
  });

  it("answers metrics --json with the documented fields, suppressed under k", async () => {
    const result = await run("metrics", "--from", "2026-01-01", "--to", "2026-02-28", "--json");
    expect(result.code).toBe(0);
    const metrics = JSON.parse(result.stdout);
    // Three distinct organizers (the private event has none) is under k = 10: shown as suppressed, not zero.
    expect(metrics).toMatchObject({ bookings: null, bookedHours: null, utilisation: null, suppressed: true, minGroupSize: 10 });
    expect(metrics.rooms).toEqual([
      expect.objectContaining({ name: "Orion", bookings: null, utilisation: null, suppressed: true }),
    ]);
  });

  it("re-importing the same files changes nothing", async () => {
    const before = await cli.inspect(dumpAllTables);
    const bookingsBefore = JSON.parse(before)["public.bookings"];
    const metricsBefore = (await run("metrics", "--from", "2026-01-01", "--to", "2026-02-28", "--json")).stdout;
    expect((await run("import", fixture("orion-feed.ics"))).stdout).toMatch(/0 new, 0 updated, 6 unchanged, 0 cancelled/);
    expect((await run("import", fixture("booking-tool.csv"))).stdout).toMatch(/0 new, 0 updated, 2 unchanged/);
    const after = await cli.inspect(dumpAllTables);
    expect(JSON.parse(after)["public.bookings"]).toEqual(bookingsBefore);
    expect((await run("metrics", "--from", "2026-01-01", "--to", "2026-02-28", "--json")).stdout).toBe(metricsBefore);
  });

  it("refuses an unparseable file with exit 1, names it, and leaves the database as it was", async () => {
    const before = await cli.inspect(dumpAllTables);
    const result = await run("import", fixture("garbage.ics"));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/garbage\.ics.*line 1/);
    expect(await cli.inspect(dumpAllTables)).toBe(before);
  });

  it("exits 1 with a clear message for a missing file or a bad option", async () => {
    expect(await run("import", fixture("nope.csv"))).toMatchObject({ code: 1, stderr: expect.stringMatching(/nope\.csv: no such file/) });
    expect(await run("import", fixture("rooms.csv"), "--format", "xml")).toMatchObject({ code: 1, stderr: expect.stringMatching(/--format/) });
    expect(await run("frobnicate")).toMatchObject({ code: 1, stderr: expect.stringMatching(/unknown command/) });
  });

  it("excludes a person through the CLI without printing who", async () => {
    const result = await run("exclude", "Zephyrine.Quaglieri@probe.example");
    // The five instances of the weekly series she organised.
    expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/5 stored bookings deleted/) });
    const again = await run("import", fixture("orion-feed.ics"));
    expect(again.stdout).toMatch(/5 excluded/);
  });

  it("privacy probe: no e-mail, name, title or location text in any table or any output", async () => {
    const dump = (await cli.inspect(dumpAllTables)).toLowerCase();
    for (const needle of identities) expect(dump).not.toContain(needle);
    // The only e-mail-shaped value stored anywhere is the room's own resource address.
    const emails = new Set(dump.match(/[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]+/g) ?? []);
    expect([...emails]).toEqual(["room.orion@probe.example"]);
    const output = printed.join("\n").toLowerCase();
    for (const needle of identities) expect(output).not.toContain(needle);
    expect(output).not.toMatch(/@probe\.example/);
  });
});
