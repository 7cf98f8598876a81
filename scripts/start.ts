import { runCli } from "@/lib/cli";
import { buildAndServe } from "./serve";

// `npm start`: migrate whatever DATABASE_URL points at (or the embedded database) and serve it, no demo data.
const code = await runCli(["migrate"]);
if (code !== 0) process.exit(code);
buildAndServe();
