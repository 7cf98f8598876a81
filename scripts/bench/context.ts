import type { Report } from "./report";
import type { ScratchDatabases } from "./scratch-databases";

/** What every section of `npm run bench` works with. */
export type BenchContext = {
  /** The Postgres server (its maintenance database), from which scratch databases are made. */
  serverUrl: string;
  scratch: ScratchDatabases;
  report: Report;
  /** A temporary folder for generated files and the embedded database; removed at the end. */
  workDir: string;
  /** The "1 M" size and the "10 M" size (ten times it), and the rooms (5,000 at 1 M, proportional). */
  baseRows: number;
  largeRows: number;
  rooms: number;
  seed: number;
  /** A single view run longer than this is stopped and reported as "> cap". */
  capSeconds: number;
};
