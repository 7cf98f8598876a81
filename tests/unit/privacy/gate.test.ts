import { describe, expect, it } from "vitest";
import { createPrivacyGate } from "@/lib/privacy/gate";
import { pseudonymise } from "@/lib/privacy/pseudonymise";
import { rawBooking } from "../../support/array-connector";

const key = { version: 4, secret: "gate-test-secret-value" };
const keys = { current: key, live: [key] };

describe("privacy gate", () => {
  it("pseudonymises the organizer and counts distinct attendees, organizer included", () => {
    const gate = createPrivacyGate(keys, new Set());
    const outcome = gate(
      rawBooking("A", "2026-01-05T09:00:00Z", "2026-01-05T10:00:00Z", {
        organizerEmail: "Lead@Example.com",
        attendeeEmails: ["lead@example.com", "b@example.com", "B@example.com", "c@example.com"],
      }),
    );
    // lead, b, c → 3 people.
    expect(outcome).toEqual({
      kind: "kept",
      booking: expect.objectContaining({ organizerPseudonym: pseudonymise("lead@example.com", key), keyVersion: 4, attendeeCount: 3 }),
    });
    expect(JSON.stringify(outcome)).not.toMatch(/example\.com/i);
  });

  it("keeps private events as occupancy only", () => {
    const gate = createPrivacyGate(keys, new Set());
    const outcome = gate(
      rawBooking("A", "2026-01-05T09:00:00Z", "2026-01-05T10:00:00Z", { organizerEmail: "x@example.com", attendeeCount: 5, private: true }),
    );
    expect(outcome).toEqual({
      kind: "kept",
      booking: expect.objectContaining({ private: true, organizerPseudonym: null, keyVersion: null, attendeeCount: null }),
    });
  });

  it("drops an excluded organizer's booking and does not count an excluded attendee", () => {
    const old = { version: 3, secret: "older-gate-secret-value" };
    // The exclusion was recorded under the older key version: it must still match.
    const gate = createPrivacyGate({ current: key, live: [key, old] }, new Set([pseudonymise("gone@example.com", old)]));
    expect(gate(rawBooking("A", "2026-01-05T09:00:00Z", "2026-01-05T10:00:00Z", { organizerEmail: "gone@example.com" }))).toEqual({
      kind: "excluded",
    });
    const kept = gate(
      rawBooking("A", "2026-01-05T09:00:00Z", "2026-01-05T10:00:00Z", {
        organizerEmail: "host@example.com",
        attendeeEmails: ["gone@example.com", "guest@example.com"],
      }),
    );
    // host + guest; gone is not counted.
    expect(kept).toMatchObject({ kind: "kept", booking: { attendeeCount: 2 } });
  });
});
