import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookings, rooms, roomSources } from "@/db/schema";
import { SECRETS_KEY_FILE } from "@/lib/integrations/secrets";
import { createCliEnvironment, dumpAllTables } from "../../support/cli-env";
import { databaseKinds } from "../../support/databases";
import { FAKE_CLIENT, FAKE_TENANT, startFakeMicrosoft } from "../../support/fake-microsoft";
import { icsFeed, startFeedServer } from "../../support/feed-server";

const ORION = "orion@rooms.example.com";
const soon = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 13) + ":00:00Z";

describe.each(databaseKinds())("integration and sync commands on %s", (kind) => {
  let cli: Awaited<ReturnType<typeof createCliEnvironment>>;
  let feeds: Awaited<ReturnType<typeof startFeedServer>>;
  let graph: Awaited<ReturnType<typeof startFakeMicrosoft>>;
  let webhookSecret = "";

  beforeAll(async () => {
    feeds = await startFeedServer();
    feeds.set("/orion.ics", { body: icsFeed(ORION, [["a", soon(1)], ["b", soon(2)]]), etag: '"1"' });
    graph = await startFakeMicrosoft();
    graph.setPlaces([{ id: "p1", emailAddress: "lyra@contoso.com", displayName: "Lyra", capacity: 4 }]);
    graph.addMailbox("lyra@contoso.com");
    // One hour from the top of the current hour, three days on (ending at 23:00 that day was no booking at all from 23:00 UTC).
    const start = soon(3);
    const end = new Date(Date.parse(start) + 3_600_000).toISOString();
    graph.putEvent("lyra@contoso.com", { id: "m1", start: { dateTime: start.slice(0, 19), timeZone: "UTC" }, end: { dateTime: end.slice(0, 19), timeZone: "UTC" } });
    // Embedded: the secrets key is generated into the data dir; with a server it must be given.
    const secrets: Record<string, string> = kind === "postgres" ? { ROOMLENS_SECRETS_KEY: Buffer.alloc(32, 1).toString("base64") } : {};
    cli = await createCliEnvironment(kind, { ROOMLENS_FETCH_ALLOWLIST: "127.0.0.1", ...secrets });
    expect((await cli.run("migrate")).code).toBe(0);
    await cli.inspect(async ({ db }) => {
      const [orion] = await db.insert(rooms).values({ name: "Orion" }).returning();
      await db.insert(roomSources).values({ roomId: orion?.id ?? 0, sourceKey: ORION });
    });
  });
  afterAll(async () => {
    await cli.cleanup();
    await Promise.all([feeds.close(), graph.close()]);
  });

  it("adds integrations of each kind and prints the id, and a webhook's secret once", async () => {
    const ics = await cli.run("integration", "add", "ics", "--name", "Orion feed", "--url", `${feeds.base}/orion.ics?token=s3cret-token`, "--every", "60");
    expect(ics).toMatchObject({ code: 0, stdout: 'Added ics integration 1 "Orion feed".' });
    const hook = await cli.run("integration", "add", "webhook", "--name", "Booking tool");
    expect(hook.code).toBe(0);
    webhookSecret = /whsec_[A-Za-z0-9_-]+/.exec(hook.stdout)?.[0] ?? "";
    expect(webhookSecret).not.toBe("");
    expect(hook.stdout).toContain("/api/ingest/2");
    const secretFile = path.join(cli.dataDir, "client-secret.txt");
    writeFileSync(secretFile, `${FAKE_CLIENT.secret}\n`);
    const m365 = await cli.run("integration", "add", "microsoft", "--name", "M365", "--tenant", FAKE_TENANT, "--client-id", FAKE_CLIENT.id, "--client-secret-file", secretFile, "--endpoint", `authorityUrl=${graph.authorityUrl}`, "--endpoint", `graphBaseUrl=${graph.graphBaseUrl}`);
    expect(m365).toMatchObject({ code: 0, stdout: 'Added microsoft integration 3 "M365".' });
    if (kind === "pglite") expect(existsSync(path.join(cli.dataDir, SECRETS_KEY_FILE))).toBe(true);
  });

  it("refuses incomplete or wrong options with the field named", async () => {
    expect(await cli.run("integration", "add", "ics", "--name", "No URL")).toMatchObject({ code: 1, stderr: expect.stringMatching(/config\.url/) });
    expect(await cli.run("integration", "add", "exchange", "--name", "x")).toMatchObject({ code: 1, stderr: expect.stringMatching(/one kind: ics, csv, google, microsoft, webhook/) });
    expect(await cli.run("integration", "add", "google", "--name", "g", "--subject", "a@example.com", "--service-account", "/nonexistent.json")).toMatchObject({ code: 1, stderr: expect.stringMatching(/cannot read/) });
    expect(await cli.run("integration", "add", "ics", "--name", "Orion feed", "--url", "https://example.com/a.ics")).toMatchObject({ code: 1, stderr: expect.stringMatching(/already exists/) });
  });

  it("lists integrations with status and schedule, never a secret", async () => {
    const list = await cli.run("integration", "list");
    expect(list.code).toBe(0);
    const lines = list.stdout.split("\n");
    expect(lines[0]).toMatch(/^id\s+kind\s+name\s+enabled\s+last status\s+last sync\s+schedule$/);
    expect(lines.find((l) => l.includes("Orion feed"))).toMatch(/^1\s+ics\s+Orion feed\s+yes\s+-\s+never\s+every 60 min$/);
    expect(list.stdout).not.toMatch(/whsec_|s3cret-token|roomlens-app-secret/);
  });

  it("syncs every pullable integration with progress, exit 0 when all succeed", async () => {
    const run = await cli.run("sync");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ok 1 "Orion feed" \(ics\): 2 read, 2 new/m);
    expect(run.stdout).toMatch(/^ok 3 "M365" \(microsoft\): 1 read, 1 new/m);
    expect(run.stderr).toMatch(/syncing integration 1 …/);
    expect((await cli.run("sync", "--integration", "1")).stdout).toMatch(/ok 1 "Orion feed" \(ics\): not modified/);
    expect((await cli.run("integration", "list")).stdout).toMatch(/Orion feed\s+yes\s+succeeded\s+\d{4}-/);
  });

  it("exits 1 when any integration fails, explaining each failure, after syncing the others", async () => {
    expect((await cli.run("integration", "add", "ics", "--name", "Gone", "--url", `${feeds.base}/gone.ics`)).code).toBe(0);
    const run = await cli.run("sync");
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAILED \d+ "Gone" \(ics\): .*gone\.ics: the server answered 404/m);
    expect(run.stdout).toMatch(/^ {2}What to do: /m);
    expect(run.stdout).toMatch(/^ok 3 "M365"/m);
    expect(run.stderr).toMatch(/error: 1 of 3 integrations failed to sync/);
    expect(await cli.run("sync", "--integration", "2")).toMatchObject({ code: 1, stderr: expect.stringMatching(/webhook: bookings are pushed/) });
  });

  it("keeps every secret out of the database in clear", async () => {
    const dump = await cli.inspect(dumpAllTables);
    for (const secret of [webhookSecret, "s3cret-token", FAKE_CLIENT.secret]) expect(dump).not.toContain(secret);
    expect(await cli.inspect(async ({ db }) => (await db.select().from(bookings)).length)).toBe(3);
  });
});
