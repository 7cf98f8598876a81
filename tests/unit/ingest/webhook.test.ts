import { spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { webhookConnector } from "@/lib/ingest/webhook";
import { MAX_WEBHOOK_ITEMS, webhookBatch } from "@/lib/ingest/webhook-schema";
import { signWebhook, verifyWebhookSignature } from "@/lib/ingest/webhook-signature";
import { renderWebhookSchema, WEBHOOK_SCHEMA_FILE } from "@/scripts/write-webhook-schema";

const booking = { id: "b-1", room: "Orion", start: "2026-03-02T09:00:00+01:00", end: "2026-03-02T10:00:00+01:00" };

describe("the webhook batch schema", () => {
  it("is committed as docs/webhook.schema.json, up to date (regenerate: npx tsx scripts/write-webhook-schema.ts)", () => {
    expect(readFileSync(WEBHOOK_SCHEMA_FILE, "utf8")).toBe(renderWebhookSchema());
  });

  it("accepts the normalised fields, with nulls for absent optional ones", () => {
    const full = { ...booking, status: "no_show", organizer: "a@example.com", attendees: 4, private: false, checkedInAt: null, bookedAt: "2026-02-27T16:40:00Z", recurring: true };
    expect(webhookBatch.safeParse({ bookings: [full], cancelled: ["b-0"] }).success).toBe(true);
    expect(webhookBatch.safeParse({ bookings: [] }).success).toBe(true);
  });

  it.each([
    [{ bookings: [{ ...booking, title: "Layoffs" }] }, "bookings.0", /Unrecognized key/],
    [{ bookings: [{ ...booking, start: "2026-03-02T09:00:00" }] }, "bookings.0.start", /datetime/i],
    [{ bookings: [{ ...booking, end: "2026-03-02T07:00:00Z" }] }, "bookings.0.end", /after start/],
    [{ bookings: [{ ...booking, attendees: -1 }] }, "bookings.0.attendees", /0/],
    [{ bookings: [{ ...booking, status: "maybe" }] }, "bookings.0.status", /confirmed/],
    [{ bookings: [booking], cancelled: ["b-1"] }, "cancelled", /both/],
    [{ bookings: [{ ...booking, organizer: "not an address" }] }, "bookings.0.organizer", /email/i],
  ])("refuses %j at %s", (batch, path, message) => {
    const parsed = webhookBatch.safeParse(batch);
    expect(parsed.success).toBe(false);
    const issue = parsed.error?.issues[0];
    expect(issue?.path.join(".")).toBe(path);
    expect(issue?.message).toMatch(message);
  });

  it(`refuses more than ${MAX_WEBHOOK_ITEMS} items in all`, () => {
    const ids = Array.from({ length: MAX_WEBHOOK_ITEMS }, (_, i) => `c${i}`);
    expect(webhookBatch.safeParse({ bookings: [booking], cancelled: ids }).success).toBe(false);
    expect(webhookBatch.safeParse({ bookings: [], cancelled: ids }).success).toBe(true);
  });

  it("becomes booking records keyed by the sender's id, then cancellations", async () => {
    const batch = webhookBatch.parse({ bookings: [{ ...booking, room: "Orion@Rooms.Example.com", attendees: 3 }], cancelled: ["b-9"] });
    const records = [];
    for await (const record of webhookConnector(batch).records({ window: { from: new Date(0), to: new Date() }, timeZone: "UTC", defaultRoom: null })) records.push(record);
    expect(records).toEqual([
      expect.objectContaining({ kind: "booking", at: "bookings[0]", sourceKey: "b-1", attendeeCount: 3, start: new Date("2026-03-02T08:00:00Z"), rooms: [{ kind: "resource", email: "Orion@Rooms.Example.com" }, { kind: "name", name: "Orion@Rooms.Example.com" }] }),
      { kind: "cancel", at: "cancelled[0]", sourceKey: "b-9" },
    ]);
  });
});

describe("webhook signatures", () => {
  const secret = "whsec_test-secret-0123456789abcdef";
  const body = Buffer.from(JSON.stringify({ bookings: [booking] }));
  const now = new Date("2026-03-02T12:00:00Z");
  const ts = Math.floor(now.getTime() / 1000);
  const verify = (timestamp: string | null, signature: string | null, at = now) => verifyWebhookSignature({ secret, timestamp, signature, body, now: at });

  it("signs HMAC-SHA-256 of \"<timestamp>.<raw body>\" as sha256=<hex>, as the README's openssl line does", () => {
    const expected = createHmac("sha256", secret).update(`${ts}.${body.toString()}`).digest("hex");
    expect(signWebhook(secret, ts, body)).toBe(`sha256=${expected}`);
    expect(verify(String(ts), `sha256=${expected}`)).toEqual({ ok: true });
    expect(verify(String(ts), `sha256=${expected.toUpperCase()}`)).toEqual({ ok: true });
  });

  it.skipIf(spawnSync("openssl", ["version"]).status !== 0)("matches the README's curl example, which signs with openssl", () => {
    const readme = readFileSync("README.md", "utf8");
    const line = /^SIG=\$\((.+)\)$/m.exec(readme)?.[1];
    expect(line).toBeDefined();
    const run = spawnSync("sh", ["-c", `SIG=$(${line}); printf '%s' "$SIG"`], { env: { ...process.env, TS: String(ts), BODY: body.toString(), SECRET: secret }, encoding: "utf8" });
    expect(`sha256=${run.stdout.trim()}`).toBe(signWebhook(secret, ts, body));
  });

  it("refuses a wrong signature, a signature over another timestamp or body, and missing headers", () => {
    expect(verify(String(ts), signWebhook("another-secret", ts, body))).toMatchObject({ ok: false, reason: /does not match/ });
    expect(verify(String(ts + 1), signWebhook(secret, ts, body))).toMatchObject({ ok: false, reason: /does not match/ });
    expect(verifyWebhookSignature({ secret, timestamp: String(ts), signature: signWebhook(secret, ts, body), body: Buffer.from("{}"), now })).toMatchObject({ ok: false });
    expect(verify(null, signWebhook(secret, ts, body))).toMatchObject({ ok: false, reason: /Timestamp is missing/ });
    expect(verify(String(ts), null)).toMatchObject({ ok: false, reason: /Signature is missing/ });
    expect(verify(String(ts), "sha1=abc")).toMatchObject({ ok: false, reason: /sha256=/ });
  });

  it("accepts five minutes either way and refuses anything older or further ahead", () => {
    for (const skew of [-300, 0, 300]) expect(verify(String(ts + skew), signWebhook(secret, ts + skew, body))).toEqual({ ok: true });
    expect(verify(String(ts - 301), signWebhook(secret, ts - 301, body))).toMatchObject({ ok: false, reason: /stale timestamp: 301 s in the past/ });
    expect(verify(String(ts + 301), signWebhook(secret, ts + 301, body))).toMatchObject({ ok: false, reason: /301 s in the future/ });
  });
});
