import { createHmac } from "node:crypto";

export type PseudonymKey = { version: number; secret: string };

/** The key new ingests use, plus every older key still live (purge and exclusion look under all). */
export type PseudonymKeys = { current: PseudonymKey; live: PseudonymKey[] };

/** Lower-cases and trims; strips a "mailto:" prefix so ICS and CSV sources agree. */
export function normaliseEmail(email: string): string {
  return email.trim().replace(/^mailto:/i, "").toLowerCase();
}

/** HMAC-SHA-256(secret key, normalised e-mail), hex: the organizer pseudonym and the exclusion hash. */
export function pseudonymise(email: string, key: PseudonymKey): string {
  return createHmac("sha256", key.secret).update(normaliseEmail(email)).digest("hex");
}
