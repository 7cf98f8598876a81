import type { FullResult, Reporter, TestCase } from "@playwright/test/reporter";
import { DEFAULT_DEMO_SEED } from "../../lib/demo/generate";
import { listPeople } from "../../lib/demo/people";
import { Rng } from "../../lib/demo/random";
import { findPersonalData } from "../support/log-probe";

/**
 * The privacy probe over the e2e servers' logs (invariant 1: no e-mail or name in a log line).
 * Playwright hands a reporter the web servers' piped stdout and stderr (chunks with no test); this
 * one keeps them, and when the run ends searches them for every demo person's e-mail and name — the
 * demo server read all of them from its calendars, and the tests signed in as some — and for any
 * other personal e-mail address. A find fails the whole run, naming what leaked.
 */
export default class LogProbeReporter implements Reporter {
  private readonly chunks: string[] = [];

  onStdOut(chunk: string | Buffer, test?: TestCase): void {
    if (test === undefined) this.chunks.push(chunk.toString());
  }

  onStdErr(chunk: string | Buffer, test?: TestCase): void {
    if (test === undefined) this.chunks.push(chunk.toString());
  }

  // Async: Playwright takes an overriding status only from a promise.
  async onEnd(result: FullResult): Promise<{ status?: FullResult["status"] } | undefined> {
    const text = this.chunks.join("");
    const people = listPeople(new Rng(DEFAULT_DEMO_SEED).fork("people")).map(({ email, name }) => ({ email, name }));
    const found = findPersonalData(text, people);
    const lines = text.split("\n").length;
    if (found.length === 0) {
      console.log(`privacy log probe: ${lines} lines of server output, no e-mail or name of ${people.length} demo people`);
      return undefined;
    }
    console.error(`privacy log probe: the server logs hold personal data: ${found.slice(0, 20).join(", ")}`);
    return { status: result.status === "interrupted" ? "interrupted" : "failed" };
  }
}
