import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getGhostRate, suppressGhostRate } from "@/lib/analytics/ghosts";
import { rawBooking } from "../../support/array-connector";
import { databaseKinds, type TestDatabase } from "../../support/databases";
import { by, k, openAnalyticsDatabase, people, week, workTime } from "./analytics-fixture";

const noShow = (who: string) => ({ ...by(who), status: "no_show" as const });
const attended = (who: string, at: string) => ({ ...by(who), checkedInAt: new Date(at) });
const attendees = people("a", 5);

const records = [
  // G: five no-shows by g1–g5. Hours lost: Mon 09–12 (3 h) + Tue 09:00–10:30 (union of two, 1.5 h) = 4.5 h.
  rawBooking("G", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", noShow("g1")),
  rawBooking("G", "2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z", noShow("g2")),
  rawBooking("G", "2026-03-02T11:00:00Z", "2026-03-02T12:00:00Z", noShow("g3")),
  rawBooking("G", "2026-03-03T09:00:00Z", "2026-03-03T10:00:00Z", noShow("g4")),
  rawBooking("G", "2026-03-03T09:30:00Z", "2026-03-03T10:30:00Z", noShow("g5")),
  rawBooking("G", "2026-03-07T09:00:00Z", "2026-03-07T10:00:00Z", noShow("g1")), // Saturday: outside working hours
  // G: five attended bookings by a1–a5 (Wed), one without check-in data (not counted).
  ...attendees.map((who, i) => rawBooking("G", `2026-03-04T${10 + i}:00:00Z`, `2026-03-04T${10 + i}:30:00Z`, attended(who, `2026-03-04T${10 + i}:02:00Z`))),
  rawBooking("G", "2026-03-05T09:00:00Z", "2026-03-05T10:00:00Z", by("x1")),
  // H: two no-shows (h1, h2: 2 h) and five attended bookings by a1–a5 (Thu).
  rawBooking("H", "2026-03-02T14:00:00Z", "2026-03-02T15:00:00Z", noShow("h1")),
  rawBooking("H", "2026-03-03T14:00:00Z", "2026-03-03T15:00:00Z", noShow("h2")),
  ...attendees.map((who, i) => rawBooking("H", `2026-03-05T${10 + i}:00:00Z`, `2026-03-05T${10 + i}:30:00Z`, attended(who, `2026-03-05T${10 + i}:00:00Z`))),
  // J: three no-shows, 3 h lost (j1's 07:00–09:00 is clipped to 08:00–09:00), nobody attended.
  rawBooking("J", "2026-03-06T07:00:00Z", "2026-03-06T09:00:00Z", noShow("j1")),
  rawBooking("J", "2026-03-06T12:00:00Z", "2026-03-06T13:00:00Z", noShow("j2")),
  rawBooking("J", "2026-03-05T16:00:00Z", "2026-03-05T17:00:00Z", noShow("j3")),
  // A cancelled booking with a check-in time is neither a ghost nor attended.
  rawBooking("J", "2026-03-06T10:00:00Z", "2026-03-06T11:00:00Z", { ...attended("j2", "2026-03-06T10:00:00Z"), status: "cancelled" }),
];

describe.each(databaseKinds())("ghost rate on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openAnalyticsDatabase(kind, ["G", "H", "J"].map((name) => ({ name })), records);
  });
  afterAll(() => database.drop());

  it("counts no-shows against bookings with check-in data, and the hours they held", async () => {
    const raw = await getGhostRate(database.db, week, {}, workTime);
    const [g, h, j] = raw.rooms;
    expect(g).toMatchObject({ name: "G", ghosts: 5, ghostOrganizers: 5, attended: 5, attendedOrganizers: 5, lostSeconds: 4.5 * 3600 });
    expect(h).toMatchObject({ name: "H", ghosts: 2, ghostOrganizers: 2, attended: 5, attendedOrganizers: 5, lostSeconds: 2 * 3600 });
    expect(j).toMatchObject({ name: "J", ghosts: 3, ghostOrganizers: 3, attended: 0, attendedOrganizers: 0, lostSeconds: 3 * 3600 });
    // 5 + 2 + 3 ghosts by 10 people; 5 + 5 attended by a1–a5; 4.5 + 2 + 3 = 9.5 h.
    expect(raw.total).toEqual({ ghosts: 10, ghostOrganizers: 10, attended: 10, attendedOrganizers: 5, lostSeconds: 9.5 * 3600 });
  });

  it("shows G and the total; H and J (2 and 3 ghost organizers) are suppressed, not zero", async () => {
    const metrics = suppressGhostRate(await getGhostRate(database.db, week, {}, workTime), k);
    // Total: 10 ghosts / 20 bookings with check-in data. Total − G reveals only H + J's ghosts: 2 + 3 = 5 people.
    expect(metrics).toMatchObject({ bookingsWithCheckIn: 20, ghosts: 10, ghostRate: 0.5, hoursLost: 9.5, suppressed: false });
    // G: 5 / 10.
    expect(metrics.byRoom[0]).toMatchObject({ name: "G", bookingsWithCheckIn: 10, ghosts: 5, ghostRate: 0.5, hoursLost: 4.5, suppressed: false });
    for (const room of metrics.byRoom.slice(1)) {
      expect(room).toMatchObject({ bookingsWithCheckIn: null, ghosts: null, ghostRate: null, hoursLost: null, suppressed: true });
    }
  });

  it("narrows to a filtered room set", async () => {
    const raw = await getGhostRate(database.db, week, { building: "elsewhere" }, workTime);
    expect(raw.rooms).toEqual([]);
    expect(suppressGhostRate(raw, k)).toMatchObject({ ghostRate: null, suppressed: true });
  });
});
