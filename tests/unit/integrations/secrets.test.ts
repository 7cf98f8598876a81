import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, generateWebhookSecret, loadSecretsKey, SECRETS_KEY_FILE } from "@/lib/integrations/secrets";

const HEX_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
const key = loadSecretsKey({ ROOMLENS_SECRETS_KEY: HEX_KEY });
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "roomlens-secrets-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe("integration secrets at rest (AES-256-GCM)", () => {
  it("round-trips, in the versioned v1:<iv>:<tag>:<ciphertext> format, never containing the plaintext", () => {
    const stored = encryptSecret(key, "client-secret-äöü", "roomlens:integration:7");
    expect(stored).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    expect(stored).not.toContain("client-secret");
    expect(decryptSecret(key, stored, "roomlens:integration:7")).toBe("client-secret-äöü");
  });

  it("uses a fresh random IV each time", () => {
    const a = encryptSecret(key, "same", "ctx");
    const b = encryptSecret(key, "same", "ctx");
    expect(a.split(":")[1]).not.toBe(b.split(":")[1]);
    expect(a).not.toBe(b);
  });

  it("refuses a tampered ciphertext, another row's context and another key, without quoting the value", () => {
    const stored = encryptSecret(key, "s3cr3t-value", "roomlens:integration:1");
    const [v, iv, tag, data] = stored.split(":") as [string, string, string, string];
    const flipped = Buffer.from(data, "base64url");
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => decryptSecret(key, [v, iv, tag, flipped.toString("base64url")].join(":"), "roomlens:integration:1")).toThrow(/cannot be decrypted/);
    expect(() => decryptSecret(key, stored, "roomlens:integration:2")).toThrow(/cannot be decrypted/);
    const other = loadSecretsKey({ ROOMLENS_SECRETS_KEY: Buffer.alloc(32, 7).toString("base64") });
    expect(() => decryptSecret(other, stored, "roomlens:integration:1")).toThrow(/not the key it was saved under/);
    expect(() => decryptSecret(key, "v2:a:b:c", "x")).toThrow(/not in a format/);
  });

  it("reads the key as 64 hex digits, base64 or base64url, and refuses anything that is not 32 bytes", () => {
    const bytes = Buffer.alloc(32, 0xfb);
    for (const text of [bytes.toString("hex"), bytes.toString("base64"), bytes.toString("base64url")]) {
      const loaded = loadSecretsKey({ ROOMLENS_SECRETS_KEY: text });
      expect(loaded.bytes.equals(bytes)).toBe(true);
    }
    expect(() => loadSecretsKey({ ROOMLENS_SECRETS_KEY: "too-short" })).toThrow(/32 bytes/);
    expect(() => loadSecretsKey({ ROOMLENS_SECRETS_KEY: `${bytes.toString("hex")}00` })).toThrow(/32 bytes/);
  });

  it("requires the key in the environment with a Postgres server", () => {
    expect(() => loadSecretsKey({ DATABASE_URL: "postgres://x/y" }, tempDir())).toThrow(/ROOMLENS_SECRETS_KEY must be set/);
  });

  it("embedded, generates one key into the data dir (owner-only) and reuses it", () => {
    const dir = tempDir();
    const first = loadSecretsKey({}, dir);
    const file = path.join(dir, SECRETS_KEY_FILE);
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(loadSecretsKey({}, dir).bytes.equals(first.bytes)).toBe(true);
    expect(readFileSync(file, "utf8").trim()).toHaveLength(43);
  });

  it("generates webhook secrets with 256 random bits", () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(generateWebhookSecret()).not.toBe(secret);
  });
});
