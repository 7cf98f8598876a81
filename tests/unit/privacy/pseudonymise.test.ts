import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadPseudonymKeys } from "@/lib/privacy/keys";
import { normaliseEmail, pseudonymise } from "@/lib/privacy/pseudonymise";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const key = { version: 1, secret: "0123456789abcdef-secret" };

describe("pseudonymise", () => {
  it("is HMAC-SHA-256 of the normalised e-mail under the key", () => {
    const expected = createHmac("sha256", key.secret).update("ana.silva@example.com").digest("hex");
    expect(pseudonymise("  Ana.Silva@Example.COM ", key)).toBe(expected);
    expect(pseudonymise("mailto:ana.silva@example.com", key)).toBe(expected);
  });

  it("differs between keys, so a rotated key yields new pseudonyms", () => {
    expect(pseudonymise("ana@example.com", key)).not.toBe(pseudonymise("ana@example.com", { version: 2, secret: "another-secret-key-123" }));
  });

  it("normalises case, blanks and the mailto: prefix", () => {
    expect(normaliseEmail(" MAILTO:Bo@X.org ")).toBe("bo@x.org");
  });
});

describe("loadPseudonymKeys", () => {
  it("reads the key and version from the environment, with older live keys", () => {
    const keys = loadPseudonymKeys(
      { ROOMLENS_PSEUDONYM_KEY: "current-secret-value-1", ROOMLENS_PSEUDONYM_KEY_VERSION: "3", ROOMLENS_PSEUDONYM_OLD_KEYS: "2:older-secret-value-22" },
      "/nonexistent",
    );
    expect(keys.current).toEqual({ version: 3, secret: "current-secret-value-1" });
    expect(keys.live.map((k) => k.version)).toEqual([3, 2]);
  });

  it("generates a key once into the data dir for the embedded database", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "roomlens-key-"));
    const first = loadPseudonymKeys({}, dir);
    const second = loadPseudonymKeys({}, dir);
    expect(first.current.secret).toBe(second.current.secret);
    // A versioned key store, so a later `rotate-key` can add version 2 beside it.
    expect(JSON.parse(readFileSync(path.join(dir, "pseudonym-keys.json"), "utf8"))).toEqual({ current: 1, keys: { "1": first.current.secret } });
  });

  it("refuses to run against a server without a key, and refuses short keys", () => {
    expect(() => loadPseudonymKeys({ DATABASE_URL: "postgres://x" }, "/nonexistent")).toThrow(/ROOMLENS_PSEUDONYM_KEY must be set/);
    expect(() => loadPseudonymKeys({ ROOMLENS_PSEUDONYM_KEY: "short" }, "/nonexistent")).toThrow(/at least 16/);
  });
});
