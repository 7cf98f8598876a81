import { createHmac, hash } from "node:crypto";
import type { IntegrationConfig, IntegrationKind } from "@/db/schema";
import type { PseudonymKeys } from "@/lib/privacy/pseudonymise";

/** Everything besides a row's text that decides what the import stores for it. */
export type DigestContext = {
  keys: PseudonymKeys;
  /** The room directory's names and source keys with their ids (RoomDirectory.fingerprint). */
  directory: string;
  kind: IntegrationKind;
  config: IntegrationConfig;
  timeZone: string;
  defaultRoom: string | null;
};

// Bumped whenever the import would store something different for the same row text.
const PURPOSE = "roomlens source row v1";

/**
 * The digest of a CSV row stored with its booking (`bookings.source_digest`), so that a re-import
 * knows an unchanged row by its text alone (lib/ingest/unchanged-rows.ts). Two rows get the same
 * digest only when the same text would be stored the same way, so the key covers everything else
 * that decides it: the current pseudonym key, the room directory, the source, its time zone and
 * room, and (`layout`) the file's header, separator and column mapping. Any change to one of these
 * makes every row look changed once, and that import stores new digests (at 1 M rows it then costs
 * a rewrite of every booking's digest, about a minute).
 *
 * The exclusion list is left out on purpose. A CSV row names its organizer and states a number of
 * attendees, never their addresses, so exclusion acts on a row through its organizer only, and
 * excluding deletes that person's bookings, digests with them (invariant 4): their rows then find
 * nothing and go through the privacy gate, which drops them. Re-including works the same way. So
 * exclusions, which change often, do not cost a full re-import.
 *
 * It is keyed (made from the pseudonym key), so without the key nobody can test a guessed row
 * against it, as for pseudonyms. Per row it is SHA-256 over a 256-bit secret prefix, cut to 132 bits:
 * one HMAC per row costs ~2.8 µs against ~0.5 µs for this (a third of a re-import of a million rows),
 * and cutting the output removes the length extension that makes a bare secret prefix unlike HMAC.
 */
export function lineDigester(context: DigestContext): (layout: string, text: string) => string {
  const described = JSON.stringify({
    purpose: PURPOSE,
    keyVersion: context.keys.current.version,
    directory: context.directory,
    kind: context.kind,
    config: context.config,
    timeZone: context.timeZone,
    defaultRoom: context.defaultRoom,
  });
  const base = createHmac("sha256", context.keys.current.secret).update(described).digest();
  let lastLayout: string | null = null;
  let prefix = "";
  return (layout, text) => {
    if (layout !== lastLayout) {
      prefix = `${createHmac("sha256", base).update(layout).digest("hex")}\n`;
      lastLayout = layout;
    }
    return hash("sha256", prefix + text, "base64url").slice(0, 22);
  };
}
