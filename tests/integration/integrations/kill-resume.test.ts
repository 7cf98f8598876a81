import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { queryRows } from "@/db/rows";
import { graphSourceKey } from "@/lib/ingest/microsoft-events";
import { hashSourceKey } from "@/lib/ingest/pipeline";
import { createIntegration, removeIntegration } from "@/lib/integrations/manage";
import { loadSecretsKey } from "@/lib/integrations/secrets";
import { FAKE_CLIENT, FAKE_TENANT, startFakeMicrosoft, type GraphEventJson } from "../../support/fake-microsoft";
import { runCliChild, seededRandom, type ChildRun } from "../../support/kill-child";

/**
 * Issue 5 part 9: a real sync (the CLI in a child process, against the fake Microsoft Graph) is
 * killed with SIGKILL at random points at least 20 times while the calendars keep changing; each
 * time it is simply run again. Afterwards the stored bookings must equal those of one clean sync of
 * the same calendars — none lost, none doubled — because a sync's cursor is committed in the same
 * transaction as the rows it covers. Postgres only: PGlite's data dir does not survive a SIGKILL.
 */

const KILLS = 20;
const MAX_ROUNDS = 45;
const MAILBOXES = Array.from({ length: 6 }, (_, i) => `room-${i + 1}@contoso.com`);
const PEOPLE = Array.from({ length: 25 }, (_, i) => `person${i}@contoso.com`);
const SEED = Number(process.env.ROOMLENS_KILL_SEED ?? Date.now() % 1_000_000);

type Truth = { mailbox: string; event: GraphEventJson; removed: boolean };
type Row = { external_key: string; room: string; starts_at: Date; ends_at: Date; status: string; attendee_count: number | null; organizer_pseudonym: string | null; recurring: boolean };

describe.skipIf(!process.env.DATABASE_URL)("a sync killed at random points and resumed (Postgres)", () => {
  const random = seededRandom(SEED);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  let graph: Awaited<ReturnType<typeof startFakeMicrosoft>>;
  let database: Database;
  let admin: postgres.Sql;
  let dbName = "";
  let env: NodeJS.ProcessEnv = process.env;
  let dataDir = "";
  const truth = new Map<string, Truth>();
  let next = 0;

  function put(mailbox: string, id: string, startMs: number, extra: Partial<GraphEventJson> = {}) {
    const local = (ms: number) => ({ dateTime: new Date(ms).toISOString().slice(0, 19), timeZone: "UTC" });
    const organizer = pick(PEOPLE);
    const event: GraphEventJson = {
      id,
      type: "singleInstance",
      subject: `${organizer} private matter`,
      isCancelled: false,
      start: local(startMs),
      end: local(startMs + (1 + Math.floor(random() * 3)) * 1_800_000),
      organizer: { emailAddress: { address: organizer } },
      attendees: [...new Set([pick(PEOPLE), pick(PEOPLE)])].map((address) => ({ type: "required", status: { response: "accepted" }, emailAddress: { address } })),
      ...extra,
    };
    graph.putEvent(mailbox, event);
    truth.set(`${mailbox}/${id}`, { mailbox, event, removed: false });
  }
  const someStart = () => Date.parse(new Date().toISOString().slice(0, 10)) + (1 + Math.floor(random() * 60)) * 86_400_000 + (7 + Math.floor(random() * 10)) * 3_600_000;
  const live = () => [...truth.values()].filter((t) => !t.removed);

  /** What changes at the source between two syncs: new, moved, deleted and cancelled meetings, sometimes an expired delta link. */
  function mutate() {
    for (let i = 0; i < 6; i += 1) put(pick(MAILBOXES), `e${(next += 1)}`, someStart());
    for (let i = 0; i < 6; i += 1) {
      const t = pick(live());
      put(t.mailbox, t.event.id, someStart());
    }
    for (let i = 0; i < 3; i += 1) {
      const t = pick(live());
      graph.removeEvent(t.mailbox, t.event.id);
      t.removed = true;
    }
    const cancelled = pick(live());
    put(cancelled.mailbox, cancelled.event.id, Date.parse(`${cancelled.event.start.dateTime}Z`), { isCancelled: true });
    if (random() < 0.2) graph.expireDeltaLinks(pick(MAILBOXES));
  }

  const addIntegration = (name: string) =>
    createIntegration(
      database.db,
      { kind: "microsoft", name, config: { tenantId: FAKE_TENANT, clientId: FAKE_CLIENT.id, endpoints: { authorityUrl: graph.authorityUrl, graphBaseUrl: graph.graphBaseUrl } }, secret: FAKE_CLIENT.secret },
      "admin",
      { secretsKey: loadSecretsKey(env) },
    );
  const sync = (id: number, killAfterMs: number | null) => runCliChild(["sync", "--integration", String(id)], env, /syncing integration/, killAfterMs);

  async function storedRows(name: string): Promise<Row[]> {
    return queryRows<Row>(
      database.db,
      sql`SELECT b.external_key, r.name AS room, b.starts_at, b.ends_at, b.status, b.attendee_count, b.organizer_pseudonym, b.recurring
          FROM bookings b JOIN rooms r ON r.id = b.room_id JOIN integrations i ON i.id = b.integration_id
          WHERE i.name = ${name} ORDER BY b.external_key`,
    );
  }

  beforeAll(async () => {
    const serverUrl = process.env.DATABASE_URL ?? "";
    admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    dbName = `roomlens_kill_${randomBytes(6).toString("hex")}`;
    await admin.unsafe(`CREATE DATABASE ${dbName}`);
    const url = new URL(serverUrl);
    url.pathname = `/${dbName}`;
    database = await openDatabase({ url: url.toString() });
    await migrateDatabase(database);
    dataDir = mkdtempSync(path.join(tmpdir(), "roomlens-kill-"));
    env = {
      ...process.env,
      DATABASE_URL: url.toString(),
      ROOMLENS_DATA_DIR: dataDir,
      ROOMLENS_PSEUDONYM_KEY: "kill-test-pseudonym-key-0123456789",
      ROOMLENS_SECRETS_KEY: randomBytes(32).toString("base64"),
      ROOMLENS_FETCH_ALLOWLIST: "127.0.0.1",
      ROOMLENS_TIME_ZONE: "UTC",
    };
    graph = await startFakeMicrosoft();
    graph.setPlaces(MAILBOXES.map((address, i) => ({ id: `p${i}`, emailAddress: address, displayName: `Room ${i + 1}`, capacity: 4 + i })));
    for (const mailbox of MAILBOXES) {
      graph.addMailbox(mailbox);
      for (let i = 0; i < 150; i += 1) put(mailbox, `e${(next += 1)}`, someStart());
    }
  });
  afterAll(async () => {
    await graph?.close();
    await database?.close();
    await admin?.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin?.end();
    rmSync(dataDir, { recursive: true, force: true });
  });

  // About a minute on an idle two-core machine; the time limit leaves room for a loaded one.
  it(`loses and doubles nothing over ${KILLS}+ kills (seed ${SEED}, replay with ROOMLENS_KILL_SEED)`, async () => {
    // How long a sync runs once started: kill points are drawn from [0, a recent duration], which
    // adapts as later syncs (mostly incremental) get shorter.
    const probe = await addIntegration("probe");
    const calibration = await sync(probe.id, null);
    expect(calibration.code, calibration.stderr).toBe(0);
    let typicalMs = calibration.ranMs;
    await removeIntegration(database.db, probe.id, "test");

    const { id } = await addIntegration("killed");
    const runs: ChildRun[] = [];
    for (let round = 0; round < MAX_ROUNDS && runs.filter((r) => r.killed).length < KILLS; round += 1) {
      const run = await sync(id, Math.floor(random() * typicalMs));
      runs.push(run);
      if (!run.killed) {
        expect(run.code, `seed ${SEED} round ${round}: ${run.stderr}`).toBe(0);
        typicalMs = Math.max(150, Math.round(0.5 * typicalMs + 0.5 * run.ranMs));
      }
      mutate();
    }
    expect(runs.filter((r) => r.killed).length, `seed ${SEED}`).toBeGreaterThanOrEqual(KILLS);

    // Resume once more to the calendars' final state, then sync them from scratch under another integration.
    expect((await sync(id, null)).code).toBe(0);
    const clean = await addIntegration("clean");
    expect((await sync(clean.id, null)).code).toBe(0);

    const killed = await storedRows("killed");
    const fresh = await storedRows("clean");
    const active = (rows: Row[]) => rows.filter((r) => r.status !== "cancelled");
    // None doubled: one row per source event (the unique key makes a second impossible; this shows the count).
    expect(new Set(killed.map((r) => r.external_key)).size).toBe(killed.length);
    // None lost: every meeting the calendars hold now is stored, and nothing else is active.
    const expected = live()
      .filter((t) => t.event.isCancelled !== true)
      .map((t) => hashSourceKey(graphSourceKey(t.mailbox, t.event.id)))
      .sort();
    expect(active(killed).map((r) => r.external_key)).toEqual(expected);
    // And exactly what one clean sync stores: same rooms, times, statuses, counts and pseudonyms.
    expect(active(killed)).toEqual(active(fresh));
    const cancelledKeys = new Set(killed.filter((r) => r.status === "cancelled").map((r) => r.external_key));
    for (const row of fresh.filter((r) => r.status === "cancelled")) expect(cancelledKeys.has(row.external_key)).toBe(true);
  }, 300_000);
});
