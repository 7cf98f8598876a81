import { describe, expect, it } from "vitest";
import { findPersonalData } from "../../support/log-probe";

const people = [
  { email: "amara.osei@example.com", name: "Amara Osei" },
  { email: "li.wei@example.com", name: "Li Wei" },
];

describe("findPersonalData (the e2e server-log probe)", () => {
  it("finds a known e-mail or name in any case, and any other personal address", () => {
    const log = [
      "GET /me 200",
      "signed in: AMARA.OSEI@EXAMPLE.COM",
      "sync failed for meeting 'Budget with li wei'",
      "invite from someone.else@corp.example",
    ].join("\n");
    expect(findPersonalData(log, people).sort()).toEqual(["Li Wei", "amara.osei@example.com", "someone.else@corp.example"]);
  });

  it("lets rooms' resource addresses and ordinary server lines pass", () => {
    const log = "> roomlens@0.1.0 demo\nRoomlens is starting on http://localhost:3301\nimported room.harbour-1-polaris@example.com: 40 new\nretention purge: 0 bookings deleted";
    expect(findPersonalData(log, people)).toEqual([]);
  });
});
