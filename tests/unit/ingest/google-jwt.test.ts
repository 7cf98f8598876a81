import { generateKeyPairSync, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { UserError } from "@/lib/errors";
import { buildServiceAccountAssertion, parseServiceAccountKey } from "@/lib/ingest/google-jwt";

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const keyFile = (fields: Record<string, unknown> = {}) =>
  JSON.stringify({ type: "service_account", client_email: "sync@project.iam.gserviceaccount.com", private_key: pem, private_key_id: "abc123", token_uri: "https://oauth2.googleapis.com/token", ...fields });
const decode = (part: string | undefined): unknown => JSON.parse(Buffer.from(part ?? "", "base64url").toString("utf8"));
const claims = { subject: "admin@example.com", scopes: ["scope.a", "scope.b"], audience: "https://oauth2.googleapis.com/token", issuedAt: 1_772_000_000 };

describe("service-account assertion", () => {
  it("carries the RS256 header and the claims Google checks", () => {
    const jwt = buildServiceAccountAssertion(parseServiceAccountKey(keyFile()), claims);
    const [header, payload, signature] = jwt.split(".");
    expect(decode(header)).toEqual({ alg: "RS256", typ: "JWT", kid: "abc123" });
    expect(decode(payload)).toEqual({
      iss: "sync@project.iam.gserviceaccount.com",
      sub: "admin@example.com",
      scope: "scope.a scope.b", // space-separated, as OAuth wants
      aud: "https://oauth2.googleapis.com/token",
      iat: 1_772_000_000,
      exp: 1_772_003_600, // iat + one hour, the most Google accepts
    });
    // base64url without padding: no '=', '+' or '/' anywhere.
    expect(jwt).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(signature).toBeDefined();
  });

  it("is signed so that the public key verifies it, and a changed claim does not", () => {
    const [header, payload, signature] = buildServiceAccountAssertion(parseServiceAccountKey(keyFile()), claims).split(".");
    const sig = Buffer.from(signature ?? "", "base64url");
    expect(verify("sha256", Buffer.from(`${header}.${payload}`), publicKey, sig)).toBe(true);
    const forged = Buffer.from(JSON.stringify({ ...(decode(payload) as object), sub: "ceo@example.com" })).toString("base64url");
    expect(verify("sha256", Buffer.from(`${header}.${forged}`), publicKey, sig)).toBe(false);
  });

  it("leaves kid out when the key file names no key id", () => {
    const [header] = buildServiceAccountAssertion(parseServiceAccountKey(keyFile({ private_key_id: undefined })), claims).split(".");
    expect(decode(header)).toEqual({ alg: "RS256", typ: "JWT" });
  });
});

describe("service-account key file", () => {
  it("reads the fields the exchange needs", () => {
    expect(parseServiceAccountKey(keyFile())).toMatchObject({ clientEmail: "sync@project.iam.gserviceaccount.com", privateKeyId: "abc123", tokenUri: "https://oauth2.googleapis.com/token" });
  });

  it.each([
    ["not JSON", "{not json", /not JSON/],
    ["a file without client_email", keyFile({ client_email: undefined }), /client_email/],
    ["a private key that is not PEM", keyFile({ private_key: "-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----" }), /not a PEM private key/],
  ])("refuses %s with a UserError", (_label, text, message) => {
    expect(() => parseServiceAccountKey(text)).toThrow(UserError);
    expect(() => parseServiceAccountKey(text)).toThrow(message);
  });
});
