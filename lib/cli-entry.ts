import { runCli } from "./cli";

process.exitCode = await runCli(process.argv.slice(2));

// The ingest benchmark measures the import's own peak memory (resident set, in MB).
if (process.env.ROOMLENS_REPORT_PEAK_MEMORY) {
  process.stderr.write(`peak memory: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB\n`);
}
