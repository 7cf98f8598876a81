import { describe, expect, it } from "vitest";
import { computeScenarioPressure, merge, type ScenarioBooking, type ScenarioRoom } from "@/lib/analytics/what-if-pressure";

const hour = 3_600_000;
/** Hours after midnight UTC of day `day` (0 = Mon 2 March 2026). */
const t = (day: number, hours: number) => Date.UTC(2026, 2, 2 + day) + hours * hour;
/** 08:00–18:00 on `days` days. */
const windows = (days: number) => Array.from({ length: days }, (_, d) => ({ start: t(d, 8), end: t(d, 18) }));
const room = (key: string, building = "North", band: ScenarioRoom["band"] = "5-8", days = 1): ScenarioRoom => ({ key, building, band, windows: windows(days) });
let nextId = 1;
const booked = (roomKey: string, from: number, to: number, organizer: number | null, day = 0): ScenarioBooking => ({
  id: nextId++,
  roomKey,
  start: t(day, from),
  end: t(day, to),
  organizer,
});

describe("pressure of a scenario", () => {
  it("counts time with ≥ 80 % of a group's rooms booked, a double-booked room once, within working hours", () => {
    const rooms = [room("P1"), room("P2")];
    const bookings = [
      booked("P1", 9, 11, 1),
      booked("P1", 9.5, 10.5, 2), // double booking: P1 is still one room
      booked("P2", 10, 12, 3),
      booked("P2", 17, 19, null), // private, and half outside working hours
    ];
    const [all, north] = computeScenarioPressure(rooms, bookings);
    // 2 rooms: pressure needs both (1.6 → 2). Both booked 10:00–11:00 only → 1 h of 10 h working time.
    expect(north).toMatchObject({ building: "North", band: "5-8", rooms: 2, workingSeconds: 10 * 3600, pressuredSeconds: 3600 });
    // Four bookings overlap working hours; three organizers (the private one has none).
    expect(north).toMatchObject({ bookings: 4, organizers: 3 });
    expect(all).toMatchObject({ building: null, rooms: 2, pressuredSeconds: 3600 });
  });

  it("leaves out bookings wholly outside working hours, from time and from the counts", () => {
    const [, north] = computeScenarioPressure([room("P1")], [booked("P1", 6, 7.5, 1), booked("P1", 18, 19, 2)]);
    expect(north).toMatchObject({ pressuredSeconds: 0, bookings: 0, organizers: 0 });
  });

  it("tests 80 % exactly: 12 of 15 rooms is pressure, 11 is not", () => {
    const rooms = Array.from({ length: 15 }, (_, i) => room(`R${i}`));
    const bookings = rooms.slice(0, 12).map((r, i) => booked(r.key, 9, 10, i));
    const [, north] = computeScenarioPressure(rooms, bookings);
    expect(north?.pressuredSeconds).toBe(3600);
    const eleven = computeScenarioPressure(rooms, bookings.slice(1))[1];
    expect(eleven?.pressuredSeconds).toBe(0);
  });

  it("groups by band per building and across buildings, in band order", () => {
    const rooms = [room("S1", "North", "1-2"), room("Q1", "South"), room("P1", "North"), room("L1", "North", "9-12", 2)];
    const groups = computeScenarioPressure(rooms, [booked("Q1", 9, 10, 1), booked("L1", 9, 10, 2, 1)]);
    expect(groups.map((g) => `${g.band} ${g.building ?? "all"} ${g.rooms}`)).toEqual([
      "1-2 all 1", "1-2 North 1", "5-8 all 2", "5-8 North 1", "5-8 South 1", "9-12 all 1", "9-12 North 1",
    ]);
    // 5–8 across buildings: 2 rooms, only Q1 booked → 1 of 2 is below 80 %. South alone: 1 of 1 → 1 h.
    expect(groups[2]?.pressuredSeconds).toBe(0);
    expect(groups[4]?.pressuredSeconds).toBe(3600);
    // L1 works two days (20 h) and was booked on the second.
    expect(groups[6]).toMatchObject({ workingSeconds: 20 * 3600, pressuredSeconds: 3600 });
  });

  it("merges touching and overlapping spans", () => {
    expect(merge([{ start: 5, end: 7 }, { start: 1, end: 3 }, { start: 3, end: 4 }, { start: 6, end: 9 }])).toEqual([
      { start: 1, end: 4 },
      { start: 5, end: 9 },
    ]);
  });
});
