import { readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, bookings } from "@/db/schema";
import { createCliEnvironment } from "../../support/cli-env";
import { databaseKinds } from "../../support/databases";

const fixture = (name: string) => path.resolve("tests/fixtures/probe", name);

describe.each(databaseKinds())("CLI rotate-key with keys in the environment on %s", (kind) => {
  let cli: Awaited<ReturnType<typeof createCliEnvironment>>;
  beforeAll(async () => {
    cli = await createCliEnvironment(kind);
  });
  afterAll(() => cli.cleanup());

  it("prints a new secret and the exact variables, changes nothing, audits the version only", async () => {
    const first = await cli.run("rotate-key");
    expect(first.code).toBe(0);
    // cli-env runs with ROOMLENS_PSEUDONYM_KEY=cli-test-key-0123456789 and no version (= 1).
    const secret = /^ROOMLENS_PSEUDONYM_KEY=([A-Za-z0-9_-]{43})$/m.exec(first.stdout)?.[1];
    expect(secret).toBeDefined();
    expect(first.stdout).toMatch(/^ROOMLENS_PSEUDONYM_KEY_VERSION=2$/m);
    expect(first.stdout).toMatch(/^ROOMLENS_PSEUDONYM_OLD_KEYS=1:cli-test-key-0123456789$/m);
    expect(first.stdout).toMatch(/Nothing has changed yet/);
    // Nothing was applied: asking again proposes version 2 again, with another secret.
    const second = await cli.run("rotate-key");
    expect(second.stdout).toMatch(/^ROOMLENS_PSEUDONYM_KEY_VERSION=2$/m);
    expect(second.stdout).not.toContain(secret);
    const entries = await cli.inspect(({ db }) => db.select().from(auditLog).where(eq(auditLog.action, "key.rotated")));
    expect(entries.map((e) => e.details)).toEqual([
      { version: 2, previousVersion: 1, store: "environment", pending: true },
      { version: 2, previousVersion: 1, store: "environment", pending: true },
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/cli-test-key|[A-Za-z0-9_-]{43}/);
  });
});

describe("CLI rotate-key with the embedded key file", () => {
  let cli: Awaited<ReturnType<typeof createCliEnvironment>>;
  const keyFile = () => JSON.parse(readFileSync(path.join(cli.dataDir, "pseudonym-keys.json"), "utf8"));
  const keyVersions = () => cli.inspect(async ({ db }) => (await db.select().from(bookings)).map((b) => b.keyVersion).sort());
  beforeAll(async () => {
    // No key in the environment and no DATABASE_URL: the key lives in the data dir.
    cli = await createCliEnvironment("pglite", { ROOMLENS_PSEUDONYM_KEY: "", DATABASE_URL: "" });
    expect((await cli.run("rooms", "import", fixture("rooms.csv"))).code).toBe(0);
    expect((await cli.run("import", fixture("orion-feed.ics"))).stdout).toMatch(/6 new/);
  });
  afterAll(() => cli.cleanup());

  it("makes version 2 current, keeps version 1, and prints no secret", async () => {
    expect(keyFile().current).toBe(1);
    const result = await cli.run("rotate-key");
    expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/version 2 is now current \(was 1\)/) });
    const file = keyFile();
    expect(file.current).toBe(2);
    expect(Object.keys(file.keys)).toEqual(["1", "2"]);
    for (const secret of Object.values<string>(file.keys)) expect(result.stdout).not.toContain(secret);
    const [entry] = await cli.inspect(({ db }) => db.select().from(auditLog).where(eq(auditLog.action, "key.rotated")));
    expect(entry).toMatchObject({ actor: "cli", details: { version: 2, previousVersion: 1, store: "file", pending: false } });
  });

  it("keeps old rows at version 1, stores new imports at version 2, and excludes under both", async () => {
    // The feed's 5 weekly instances are Zephyrine's (v1); its private event has no pseudonym (null).
    expect(await keyVersions()).toEqual([1, 1, 1, 1, 1, null]);
    expect((await cli.run("import", fixture("booking-tool.csv"))).stdout).toMatch(/2 new/);
    expect(await keyVersions()).toEqual([1, 1, 1, 1, 1, 2, 2, null]);
    // Her 5 bookings were hashed under version 1, which is still live after the rotation.
    expect((await cli.run("exclude", "zephyrine.quaglieri@probe.example")).stdout).toMatch(/5 stored bookings deleted/);
    expect(await keyVersions()).toEqual([2, 2, null]);
  });
});
