import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCliEnvironment } from "../../support/cli-env";

const fixture = (name: string) => readFileSync(path.resolve("tests/fixtures/probe", name), "utf8");

describe("CLI import from an http URL", () => {
  let server: Server;
  let base = "";
  let cli: Awaited<ReturnType<typeof createCliEnvironment>>;

  beforeAll(async () => {
    // A local feed server: the ICS and the CSV as a calendar host and a booking tool would serve them.
    server = createServer((request, response) => {
      const files: Record<string, [string, string]> = {
        "/feeds/orion.ics": ["text/calendar", fixture("orion-feed.ics")],
        "/export/bookings.csv?token=secret-token": ["text/csv", fixture("booking-tool.csv")],
      };
      const file = files[request.url ?? ""];
      if (!file) return response.writeHead(404).end("not found");
      response.writeHead(200, { "content-type": file[0] }).end(file[1]);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    cli = await createCliEnvironment("pglite");
    expect((await cli.run("rooms", "import", path.resolve("tests/fixtures/probe/rooms.csv"))).code).toBe(0);
  });
  afterAll(async () => {
    await cli.cleanup();
    await new Promise((resolve) => server.close(resolve));
  });

  it("imports an ICS feed and a CSV export by URL", async () => {
    expect((await cli.run("import", `${base}/feeds/orion.ics`)).stdout).toMatch(/6 new/);
    const csv = await cli.run("import", `${base}/export/bookings.csv?token=secret-token`, "--format", "csv");
    expect(csv.stdout).toMatch(/2 new/);
    // Printed without the query string, which may carry an access token.
    expect(csv.stdout).not.toContain("secret-token");
  });

  it("names the URL and the server's answer when a fetch fails", async () => {
    const result = await cli.run("import", `${base}/feeds/missing.ics`);
    expect(result).toMatchObject({ code: 1, stderr: expect.stringMatching(/missing\.ics: the server answered 404/) });
  });

  it("never stores a URL's query string (it may carry an access token)", async () => {
    const dump = await cli.inspect(async (database) => {
      const { integrations, syncRuns } = await import("@/db/schema");
      return JSON.stringify([await database.db.select().from(integrations), await database.db.select().from(syncRuns)]);
    });
    expect(dump).not.toContain("secret-token");
  });
});
