import { runCli } from "@/lib/cli";
import { buildAndServe } from "./serve";

// `npm run demo`: load the demo organisation through the real ingest pipeline, then serve the product
// with the demo sign-in switched on (it never exists outside demo mode).
process.env.ROOMLENS_DEMO ??= "1";
const code = await runCli(["demo"]);
if (code !== 0) process.exit(code);
buildAndServe();
