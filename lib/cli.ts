import { parseArgs } from "node:util";
import { z } from "zod";
import { getDashboardMetrics } from "@/lib/analytics/dashboard";
import { parseDateRange } from "@/lib/analytics/filters";
import { getPlannerMetrics } from "@/lib/analytics/planner-metrics";
import { loadDemo } from "@/lib/demo/load";
import { UserError } from "@/lib/errors";
import { openFileSource } from "@/lib/ingest/open-source";
import { runIntegrationCommand, runSyncCommand } from "@/lib/integrations/cli";
import { ingest, type SyncReport } from "@/lib/ingest/pipeline";
import { excludePerson, includePerson } from "@/lib/privacy/exclusion";
import { describeRotation, rotatePseudonymKey } from "@/lib/privacy/key-rotation";
import { purgeExpiredBookings } from "@/lib/privacy/retention";
import { importRoomDirectory } from "@/lib/rooms/import-rooms";
import { isValidTimeZone } from "@/lib/time-zones";
import { defaultTimeZone, ingestWindow, openAppContext, type AppContext } from "./context";
import { formatMetricsTable, toMetricsJson } from "./metrics-output";

const USAGE = `Usage: npm run roomlens -- <command> [options]

Commands:
  migrate                                   apply database migrations
  demo [--force]                            load the demo organisation through the ingest pipeline
  import <file|url> [--room NAME] [--format ics|csv] [--timezone TZ] [--name NAME]
                                            import bookings from an ICS feed or a CSV export
  rooms import <file.csv>                   load the room directory (name,building,floor,capacity,
                                            amenities,time_zone,resource_email)
  integration add <ics|csv|google|microsoft|webhook> --name NAME [--url URL] [--every MINUTES]
      [--room NAME] [--timezone TZ] [--service-account FILE --subject ADMIN_EMAIL]
      [--tenant ID --client-id ID --client-secret-file FILE]
                                            connect a source; prints its id (and a webhook's
                                            signing secret, once)
  integration list                          id, kind, name, enabled, last status, last sync, schedule
  sync [--integration ID]                   pull every enabled integration (or one) now; exit 1 if
                                            any failed, each failure explained
  metrics [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]
                                            print the dashboard's metrics (suppressed as on screen);
                                            --json adds every metric family and the recommendations
  exclude <email>                           exclude a person now and delete their bookings
  include <email>                           re-include a person for future imports
  purge                                     delete bookings older than the retention period
  rotate-key                                make a new pseudonymisation key version current; prints
                                            the variables to set when keys live in the environment
`;

export type Output = { out: (text: string) => void; err: (text: string) => void };

const consoleOutput: Output = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Runs one command; returns the exit code: 0 success, 1 user error, 2 internal error. */
export async function runCli(argv: string[], output: Output = consoleOutput): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help") {
    output.out(USAGE);
    return command ? 0 : 1;
  }
  let context: AppContext | undefined;
  const interrupt = (signal: NodeJS.Signals) => {
    // The embedded database must be closed, not killed, or its data dir may not open again; an
    // import in progress is rolled back (its rows are merged in one transaction at the end).
    output.err(`${signal}: stopping; nothing of the unfinished command is kept.`);
    void (context?.database.close() ?? Promise.resolve()).finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  try {
    context = await openAppContext();
    await runCommand(context, command, rest, output);
    return 0;
  } catch (error) {
    if (error instanceof UserError) {
      output.err(`error: ${error.message}`);
      return 1;
    }
    output.err(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 2;
  } finally {
    process.off("SIGINT", interrupt);
    process.off("SIGTERM", interrupt);
    await context?.database.close();
  }
}

async function runCommand(context: AppContext, command: string, args: string[], output: Output): Promise<void> {
  const { database, keys } = context;
  switch (command) {
    case "migrate":
      output.out("Database is up to date.");
      return;
    case "demo": {
      const { values } = parse(args, { force: { type: "boolean" } });
      await loadDemo(context, { force: values.force ?? false, log: output.err });
      return;
    }
    case "import": {
      const { values, positionals } = parse(
        args,
        { room: { type: "string" }, format: { type: "string" }, timezone: { type: "string" }, name: { type: "string" } },
        true,
      );
      const location = positionals[0];
      if (!location || positionals.length > 1) throw new UserError("import takes exactly one file or URL");
      const format = z.enum(["ics", "csv"]).optional().safeParse(values.format);
      if (!format.success) throw new UserError(`--format must be ics or csv, not '${values.format}'`);
      const timeZone = values.timezone ?? defaultTimeZone();
      if (!isValidTimeZone(timeZone)) throw new UserError(`--timezone '${timeZone}' is not an IANA time zone`);
      const source = await openFileSource(location, { format: format.data, room: values.room, timeZone, name: values.name });
      const report = await ingest(database, source, {
        keys,
        window: await ingestWindow(database),
        timeZone,
        defaultRoom: values.room ?? null,
        onProgress: (n) => output.err(`  … ${n.toLocaleString("en-US")} records read`),
      });
      printReport(source.config.source, report, output);
      return;
    }
    case "integration":
      await runIntegrationCommand(context, args, output);
      return;
    case "sync":
      await runSyncCommand(context, args, output);
      return;
    case "rooms": {
      const { positionals } = parse(args, {}, true);
      if (positionals[0] !== "import" || !positionals[1]) throw new UserError("usage: rooms import <file.csv>");
      const { rooms } = await importRoomDirectory(database.db, positionals[1], "cli");
      output.out(`Room directory: ${rooms} rooms loaded.`);
      return;
    }
    case "metrics": {
      const { values } = parse(args, { from: { type: "string" }, to: { type: "string" }, json: { type: "boolean" } });
      for (const [flag, value] of Object.entries({ from: values.from, to: values.to })) {
        if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new UserError(`--${flag} must be a date like 2026-03-01`);
      }
      const range = parseDateRange({ from: values.from, to: values.to }, new Date());
      const metrics = await getDashboardMetrics(database.db, range);
      if (!values.json) {
        output.out(formatMetricsTable(metrics));
        return;
      }
      // The JSON carries every metric family (issue 4); the table stays the dashboard's summary.
      const planner = await getPlannerMetrics(database.db, range);
      output.out(JSON.stringify(toMetricsJson(metrics, planner), null, 2));
      return;
    }
    case "exclude": {
      const email = requireEmail(args);
      const result = await excludePerson(database.db, keys, email, "cli");
      // The address is not echoed: output may end up in logs, which must hold no identities.
      output.out(
        result.alreadyExcluded
          ? `Already excluded. ${result.deletedBookings} further bookings deleted.`
          : `Excluded. ${result.deletedBookings} stored bookings deleted; future imports will drop this person.`,
      );
      return;
    }
    case "include": {
      const email = requireEmail(args);
      const result = await includePerson(database.db, keys, email, "cli");
      output.out(
        result.wasExcluded
          ? "Re-included for future imports. Bookings deleted while excluded do not come back."
          : "This person was not excluded; nothing changed.",
      );
      return;
    }
    case "purge": {
      parse(args, {});
      const purged = await purgeExpiredBookings(database.db, new Date(), "cli");
      output.out(
        `Purged ${purged.deletedBookings} bookings that ended before ${purged.cutoff.toISOString()} ` +
          `(retention ${purged.retentionDays} days).`,
      );
      return;
    }
    case "rotate-key": {
      parse(args, {});
      for (const line of describeRotation(await rotatePseudonymKey(database.db, process.env, "cli"))) output.out(line);
      return;
    }
    default:
      throw new UserError(`unknown command '${command}'\n\n${USAGE}`);
  }
}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>["options"];

function parse<T extends Options>(args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UserError(error instanceof Error ? error.message : String(error));
  }
}

function requireEmail(args: string[]): string {
  const email = args[0];
  if (!email || args.length > 1 || !/^[^\s@]+@[^\s@]+$/.test(email)) throw new UserError("give exactly one e-mail address");
  return email;
}

function printReport(location: string, report: SyncReport, output: Output): void {
  output.out(
    `Imported ${location}: ${report.fetched} read, ${report.inserted} new, ${report.updated} updated, ` +
      `${report.unchanged} unchanged, ${report.cancelled} cancelled, ${report.excluded} excluded, ` +
      `${report.allDay} all-day skipped, ${report.rejected} rejected.`,
  );
  for (const rejection of report.rejections) output.out(`  rejected ${rejection.where}: ${rejection.reason}`);
  if (report.rejected > report.rejections.length) output.out(`  … and ${report.rejected - report.rejections.length} more`);
}
