import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, rmSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Transform, pipeline, type Readable } from "node:stream";
import { pipeline as pipelineAsync } from "node:stream/promises";
import { UserError } from "@/lib/errors";

/** A CSV feed larger than this is refused rather than filling the disk (about 15 M booking rows). */
export const MAX_SPOOLED_BYTES = 2 * 1024 ** 3;

export type Spool = {
  /** A new reading of the body, from the start. */
  open(): Readable;
  /** Deletes the file; a second call does nothing. */
  remove(): void;
};

/**
 * Keeps a CSV feed's body on disk for the length of one sync, so that it can be read twice: a
 * re-import first reads the rows as text and parses only the changed ones (lib/ingest/
 * unchanged-rows.ts), and a second fetch could answer differently. The body holds e-mail addresses,
 * so it is written encrypted (AES-256-CTR) under a key that exists only in this process's memory, in a
 * directory only this user can read: a file a crash leaves behind is unreadable, and the caller
 * removes it after the sync either way.
 */
export async function spoolEncrypted(body: Readable, label: string, maxBytes = MAX_SPOOLED_BYTES): Promise<Spool> {
  const directory = await mkdtemp(path.join(tmpdir(), "roomlens-feed-"));
  const file = path.join(directory, "body");
  const remove = () => rmSync(directory, { recursive: true, force: true });
  const key = randomBytes(32);
  const iv = randomBytes(16);
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) done(new UserError(`${label}: the feed is larger than ${formatBytes(maxBytes)}; split the export`));
      else done(null, chunk);
    },
  });
  try {
    await pipelineAsync(body, limit, createCipheriv("aes-256-ctr", key, iv), createWriteStream(file, { mode: 0o600 }));
  } catch (error) {
    remove();
    throw error;
  }
  return {
    // With a callback, pipeline returns its last stream, which a failure of the first one destroys.
    open: () => pipeline(createReadStream(file), createDecipheriv("aes-256-ctr", key, iv), () => {}),
    remove,
  };
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${bytes / 1024 ** 3} GiB` : `${bytes} bytes`;
}
