import { existsSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { UserError } from "@/lib/errors";
import { spoolEncrypted } from "@/lib/integrations/feed-spool";

async function text(stream: Readable): Promise<string> {
  let out = "";
  for await (const chunk of stream) out += String(chunk);
  return out;
}

const spoolDirectories = () => new Set(readdirSync(tmpdir()).filter((name) => name.startsWith("roomlens-feed-")));

describe("spoolEncrypted", () => {
  it("gives the body back as often as asked, keeps no readable copy on disk, and removes it", async () => {
    const body = `id,room,start,end,organizer_email\n${Array.from({ length: 2000 }, (_, i) => `b${i},Orion,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z,ann${i}@example.com`).join("\n")}\n`;
    const before = spoolDirectories();
    const spool = await spoolEncrypted(Readable.from([body.slice(0, 5000), body.slice(5000)]), "feed.csv");
    const [directory] = [...spoolDirectories()].filter((name) => !before.has(name));
    expect(directory).toBeDefined();
    const file = path.join(tmpdir(), directory ?? "", "body");
    const stored = readFileSync(file);
    expect(stored.length).toBe(Buffer.byteLength(body));
    expect(stored.includes("example.com")).toBe(false);
    expect(await text(spool.open())).toBe(body);
    expect(await text(spool.open())).toBe(body);
    spool.remove();
    expect(existsSync(file)).toBe(false);
    spool.remove();
  });

  it("leaves nothing behind when the body fails half-way", async () => {
    const before = spoolDirectories();
    async function* broken() {
      yield "id,room\n";
      throw new Error("connection reset");
    }
    await expect(spoolEncrypted(Readable.from(broken()), "feed.csv")).rejects.toThrow("connection reset");
    expect([...spoolDirectories()].filter((name) => !before.has(name))).toEqual([]);
  });

  it("refuses a body larger than the limit, saying so, and leaves nothing behind", async () => {
    const before = spoolDirectories();
    const spooling = spoolEncrypted(Readable.from(["x".repeat(600), "y".repeat(600)]), "feed.csv", 1000);
    await expect(spooling).rejects.toThrow(UserError);
    await expect(spoolEncrypted(Readable.from(["x".repeat(1001)]), "feed.csv", 1000)).rejects.toThrow("feed.csv: the feed is larger than 1000 bytes");
    expect([...spoolDirectories()].filter((name) => !before.has(name))).toEqual([]);
  });
});
